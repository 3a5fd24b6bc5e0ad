"""`companion annotate` as a user runs it: a subprocess, real spaCy, the public JSON contract."""

import json
import os
import subprocess
import sys

import pytest

from companion.resources import DEFAULT_ARTICLE

SEED_TEXT = DEFAULT_ARTICLE.read_text(encoding="utf-8")


def run(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def seed_record():
    result = run("annotate", "--json", str(DEFAULT_ARTICLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_json_record_has_the_public_shape(seed_record):
    assert set(seed_record) == {"path", "fingerprint", "entities", "glossary", "region"}
    assert seed_record["path"] == str(DEFAULT_ARTICLE)
    assert {"CA", "US"} <= set(seed_record["region"]["countries"])   # a Canada–U.S. trade story
    for e in seed_record["entities"]:
        assert set(e) == {"start", "end", "text", "label", "entity"}
    for g in seed_record["glossary"]:
        base = {"term", "expansion", "definition", "source"}
        assert base <= set(g) <= base | {"as_of", "status", "ended", "renamed_to", "candidates"}
        assert g["source"] in {"article", "reference", "user"}
        if g["source"] == "reference" and g["definition"]:
            assert g["as_of"] == "2026-12" and g["status"] == "active"


def test_offsets_index_the_file_text_exactly(seed_record):
    for e in seed_record["entities"]:
        assert SEED_TEXT[e["start"]:e["end"]] == e["text"]
    starts = [e["start"] for e in seed_record["entities"]]
    assert starts == sorted(starts)


def test_who_is_who_on_the_seed(seed_record):
    by_text = {}
    for e in seed_record["entities"]:
        by_text.setdefault(e["text"], set()).add((e["label"], e["entity"]))
    assert by_text["Mark Carney"] == {("PERSON", "Mark Carney")}
    assert by_text["Carney"] == {("PERSON", "Mark Carney")}
    assert by_text["Trump"] == {("PERSON", "Donald Trump")}
    assert by_text["Lutnick"] == {("PERSON", "Howard Lutnick")}
    assert by_text["CBP"] == {("ORG", "U.S. Customs and Border Protection")}
    # no possessive, no leading "the", no title inside a span
    for e in seed_record["entities"]:
        assert not e["text"].endswith(("’s", "'s")) and not e["text"].lower().startswith("the ")
        assert not e["text"].startswith(("President ", "Prime Minister "))


def test_glossary_finds_the_article_definitions(seed_record):
    found = {g["term"]: g for g in seed_record["glossary"]}
    assert found["CUSMA"]["expansion"] == "Canada-U.S.-Mexico Agreement"
    assert found["CUSMA"]["source"] == "article"
    assert found["CBP"]["expansion"] == "U.S. Customs and Border Protection"


def test_many_files_one_line_each_in_order(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Angela Merkel met Emmanuel Macron in Paris. Merkel spoke first.", encoding="utf-8")
    result = run("annotate", "--json", str(other), str(DEFAULT_ARTICLE))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(other), str(DEFAULT_ARTICLE)]
    merkel = [e for e in records[0]["entities"] if e["text"] == "Merkel"]
    assert merkel and merkel[0]["entity"] == "Angela Merkel"


@pytest.mark.parametrize("make", [
    lambda d: d / "missing.txt",
    lambda d: d,
    lambda d: (d / "empty.txt").write_bytes(b"") and d / "empty.txt" or d / "empty.txt",
    lambda d: (d / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and d / "img.png",
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make):
    path = make(tmp_path)
    result = run("annotate", "--json", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_window_without_display_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "companion", str(DEFAULT_ARTICLE)], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 2
    assert "no display" in result.stderr and "companion annotate" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_console_script_and_module_both_work():
    result = subprocess.run(["companion", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("companion ")


def test_reader_corrections_are_applied_by_annotate(tmp_path):
    from companion.core.corrections import Correction
    from companion.core.document import load_document
    from companion.store.corrections import CorrectionStore
    article = tmp_path / "a.txt"
    article.write_text("Laura Dawson met Mark Carney. Dawson spoke first.", encoding="utf-8")
    doc = load_document(article)
    store = CorrectionStore()
    store.add(doc.fingerprint, doc.path, Correction("relabel", "Laura Dawson", label="ORG"))
    store.add(doc.fingerprint, doc.path, Correction("hide", "Mark Carney"))
    result = run("annotate", "--json", str(article))
    assert result.returncode == 0, result.stderr
    entities = json.loads(result.stdout)["entities"]
    assert [(e["text"], e["label"], e["entity"]) for e in entities] == [
        ("Laura Dawson", "ORG", "Laura Dawson"), ("Dawson", "ORG", "Laura Dawson")]


def test_jobs_spread_files_and_keep_their_order(tmp_path):
    paths = []
    for i, name in enumerate(["Angela Merkel", "Emmanuel Macron", "Giorgia Meloni"]):
        p = tmp_path / f"{i}.txt"
        p.write_text(f"{name} spoke in Brussels on Monday. {name.split()[1]} said little.", encoding="utf-8")
        paths.append(str(p))
    result = run("annotate", "--json", "--jobs", "2", *paths, str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and "missing.txt" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == paths
    assert [r["entities"][0]["entity"] for r in records] == ["Angela Merkel", "Emmanuel Macron", "Giorgia Meloni"]


def test_bad_jobs_value_is_one_line():
    result = run("annotate", "--jobs", "0", str(DEFAULT_ARTICLE))
    assert result.returncode == 2 and result.stderr.strip() == "companion: --jobs must be 1 or more"
