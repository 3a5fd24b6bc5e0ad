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
