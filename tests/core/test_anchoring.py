import pytest

from companion.core.anchoring import anchor_for, locate

ARTICLE = ("Carney met Trump on Tuesday. The talks were long.\n"
           "Trade was the topic. Carney said the talks were long but useful.\n"
           "Nobody expected a deal.")


def test_unchanged_text_keeps_the_exact_place():
    start = ARTICLE.index("Trade was the topic")
    anchor = anchor_for(ARTICLE, start, start + 19)
    assert locate(anchor, ARTICLE) == (start, start + 19)


def test_inserted_paragraph_moves_the_note_with_its_passage():
    start = ARTICLE.index("Nobody expected")
    anchor = anchor_for(ARTICLE, start, start + 15)
    edited = "A new first paragraph was added.\n" + ARTICLE
    new_start = edited.index("Nobody expected")
    assert locate(anchor, edited) == (new_start, new_start + 15)


def test_repeated_short_quote_goes_to_the_one_with_the_same_context():
    second = ARTICLE.index("the talks were long but")
    anchor = anchor_for(ARTICLE, second, second + len("the talks were long"))
    edited = ARTICLE.replace("The talks were long.", "The talks were long. the talks were long, again.")
    pos = edited.index("the talks were long but")
    assert locate(anchor, edited) == (pos, pos + len("the talks were long"))


def test_deleted_passage_is_detached_not_misplaced():
    start = ARTICLE.index("Nobody expected a deal")
    anchor = anchor_for(ARTICLE, start, start + 22)
    assert locate(anchor, ARTICLE.replace("Nobody expected a deal.", "")) is None


def test_ambiguous_short_quote_without_context_is_detached():
    start = ARTICLE.index("Carney said")
    anchor = anchor_for(ARTICLE, start, start + 6)  # "Carney"
    rewritten = "Carney arrived. Carney left. Carney slept."
    assert locate(anchor, rewritten) is None


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (0, 10_000)])
def test_bad_selection_is_refused(start, end):
    with pytest.raises(ValueError):
        anchor_for(ARTICLE, start, end)


def test_line_endings_and_spacing_do_not_move_or_detach_a_note():
    start = ARTICLE.index("Carney said the talks")
    anchor = anchor_for(ARTICLE, start, start + len("Carney said the talks were long"))
    for edited in (ARTICLE.replace("\n", "\r\n"), ARTICLE.replace(" ", "  "),
                   ARTICLE.replace("said the", "said\nthe").replace("topic. ", "topic.\n\n")):
        found = locate(anchor, edited)
        assert found is not None
        assert " ".join(edited[found[0]:found[1]].split()) == "Carney said the talks were long"


def test_a_lightly_edited_quote_is_found_between_its_context():
    start = ARTICLE.index("Carney said the talks")
    anchor = anchor_for(ARTICLE, start, start + len("Carney said the talks were long but useful"))
    edited = ARTICLE.replace("the talks were long but useful", "the talks were lengthy but useful")
    found = locate(anchor, edited)
    assert found is not None and edited[found[0]:found[1]] == "Carney said the talks were lengthy but useful"


def test_a_quote_rewritten_beyond_recognition_is_detached():
    start = ARTICLE.index("Carney said the talks")
    anchor = anchor_for(ARTICLE, start, start + len("Carney said the talks were long but useful"))
    assert locate(anchor, ARTICLE.replace("Carney said the talks were long but useful",
                                          "Nobody could say much about it")) is None


def test_a_note_stays_with_the_first_of_two_copies_of_its_paragraph():
    paragraph = "Trade was the topic. Carney said the talks were long but useful.\n"
    start = ARTICLE.index("the talks were long but")
    anchor = anchor_for(ARTICLE, start, start + len("the talks were long"))
    edited = ARTICLE.replace(paragraph, paragraph + paragraph)
    assert locate(anchor, edited) == (start, start + len("the talks were long"))


def test_a_note_at_the_end_still_found_when_a_paragraph_is_added_after_it():
    start = ARTICLE.index("a deal.")
    anchor = anchor_for(ARTICLE, start, len(ARTICLE))
    edited = ARTICLE + "\nA new paragraph at the end."
    assert locate(anchor, edited) == (start, len(ARTICLE))


def test_anchors_saved_before_positions_were_stored_still_work():
    from companion.core.anchoring import Anchor
    start = ARTICLE.index("Nobody expected")
    full = anchor_for(ARTICLE, start, start + 15)
    old = Anchor(full.start, full.end, full.quote, full.prefix, full.suffix)
    edited = "A new first paragraph was added.\n" + ARTICLE
    assert locate(old, edited) == locate(full, edited) == (start + 33, start + 48)
