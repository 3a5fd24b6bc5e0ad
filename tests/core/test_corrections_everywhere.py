"""Corrections made everywhere: stored apart, applied to every article (now and later), removable."""

import json
import sqlite3

import pytest

from companion.core.analysis import Mention
from companion.core.corrections import Correction, apply_corrections
from companion.store.corrections import EVERYWHERE, CorrectionStore, corrections_for


def test_a_correction_made_everywhere_applies_to_every_article_and_is_undone_by_its_id():
    store = CorrectionStore()
    here = store.add("aaa", "/a.txt", Correction("relabel", "Arsenal", label="ORG", scope="everywhere"))
    store.add("aaa", "/a.txt", Correction("hide", "Fox"))
    assert corrections_for("bbb", "/b.txt") == [Correction("relabel", "Arsenal", label="ORG", scope="everywhere")]
    assert [c.op for c in corrections_for("aaa", "/a.txt")] == ["relabel", "hide"]  # everywhere first
    assert [c.op for _, c in store.for_article("aaa", "/a.txt")] == ["hide"]     # the article's own only
    assert [i for i, _ in store.everywhere()] == [here]
    store.remove(here)
    assert store.everywhere() == [] and corrections_for("bbb", "/b.txt") == []
    store.close()


def test_the_default_scope_is_the_article_and_old_records_read_as_article_corrections():
    assert Correction("hide", "Fox").scope == "article"
    assert "scope" not in Correction("hide", "Fox").to_dict()
    assert Correction.from_dict({"op": "hide", "entity": "Fox"}) == Correction("hide", "Fox")
    with pytest.raises(ValueError):
        Correction("hide", "Fox", scope="galaxy")


def test_a_damaged_record_is_skipped_not_fatal(tmp_path):
    path = tmp_path / "notes.sqlite3"
    store = CorrectionStore(path)
    store.add("x", None, Correction("hide", "Fox", scope="everywhere"))
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO corrections (fingerprint, path, data, created) VALUES (?, NULL, ?, '')",
                 (EVERYWHERE, json.dumps({"op": "relabel", "entity": "X", "label": "GPE"})))
    conn.execute("INSERT INTO corrections (fingerprint, path, data, created) VALUES (?, NULL, 'not json', '')",
                 (EVERYWHERE,))
    conn.commit()
    conn.close()
    store = CorrectionStore(path)
    assert [c for _, c in store.everywhere()] == [Correction("hide", "Fox", scope="everywhere")]
    store.close()


def test_a_relabel_made_everywhere_marks_the_name_where_the_model_missed_it():
    text = "Arsenal beat Chelsea. Fans of Arsenal sang; Arsenalisation is no word."
    mentions = [Mention(13, 20, "Chelsea", "ORG", "Chelsea")]
    fixed = apply_corrections(mentions, [Correction("relabel", "Arsenal", label="ORG", scope="everywhere")], text)
    assert [(m.text, m.label, m.start) for m in fixed] == [("Arsenal", "ORG", 0), ("Chelsea", "ORG", 13),
                                                           ("Arsenal", "ORG", 30)]
    # a correction of one article only changes what was found; so does one without the text
    assert apply_corrections(mentions, [Correction("relabel", "Arsenal", label="ORG")], text) == mentions
    assert apply_corrections(mentions, [Correction("relabel", "Arsenal", label="ORG", scope="everywhere")]) \
        == mentions


def test_a_place_name_labelled_everywhere_is_not_marked_in_every_article():
    text = "Jordan and Egypt signed."
    fixed = apply_corrections([], [Correction("relabel", "Jordan", label="PERSON", scope="everywhere")], text)
    assert fixed == []


def test_the_article_correction_comes_after_the_everywhere_one_and_wins():
    mentions = [Mention(0, 7, "Arsenal", "PERSON", "Arsenal")]
    fixed = apply_corrections(mentions, [Correction("relabel", "Arsenal", label="ORG", scope="everywhere"),
                                         Correction("relabel", "Arsenal", label="PERSON")], "Arsenal")
    assert [m.label for m in fixed] == ["PERSON"]
    assert Correction("hide", "Fox", scope="everywhere").describe() == "Fox is hidden (everywhere)"
