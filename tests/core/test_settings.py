import json

import pytest

from companion.store.settings import MAX_RECENT, Settings, load_settings, save_settings, settings_path


def test_defaults_when_nothing_was_saved():
    assert load_settings() == Settings() and load_settings().problem is None


def test_saved_settings_come_back():
    s = Settings(theme="dark", font_size=15, geometry="1200x800+10+20").with_recent("/a.txt")
    save_settings(s)
    again = load_settings()
    assert again == s and again.last_article == "/a.txt" and again.recent == ("/a.txt",)


def test_recent_list_moves_to_front_and_is_capped():
    s = Settings()
    for i in range(MAX_RECENT + 5):
        s = s.with_recent(f"/{i}.txt")
    s = s.with_recent("/3.txt")
    assert s.recent[0] == "/3.txt" and len(s.recent) == MAX_RECENT and s.recent.count("/3.txt") == 1


@pytest.mark.parametrize("content", ["", "{", "[1, 2]", '{"font_size": "big"}', '{"recent": "x"}',
                                     "\x00\x01binary", '{"theme": 5}'])
def test_damaged_file_gives_defaults_and_a_message_and_is_kept(content):
    path = settings_path()
    path.write_text(content, encoding="utf-8")
    loaded = load_settings()
    assert loaded == Settings()
    assert loaded.problem and "defaults" in loaded.problem and "\n" not in loaded.problem
    kept = list(path.parent.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == content


def test_out_of_range_values_are_clamped_and_unknown_keys_ignored():
    settings_path().write_text(json.dumps({"font_size": 400, "line_spacing": 0.2, "theme": "neon",
                                           "future_option": 1}))
    s = load_settings()
    assert (s.font_size, s.line_spacing, s.theme, s.problem) == (48, 1.0, "light", None)


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, '{"recent": ' + "[" * 50 + "]" * 50 + "}",
                                     '{"line_spacing": NaN}', '{"geometry": "' + "x" * 10_000 + '"}',
                                     '{"font_size": 1' + "0" * 5000 + "}", " " * (2 * 1024 * 1024)])
def test_hostile_settings_never_stop_the_start(content):
    """Deep nesting (RecursionError before), NaN, huge strings and numbers, a huge file."""
    settings_path().write_text(content, encoding="utf-8")
    loaded = load_settings()
    assert loaded == Settings() and loaded.problem and "\n" not in loaded.problem


def test_a_fifo_in_place_of_the_settings_does_not_block_the_start():
    import os
    import threading
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = settings_path()
    os.mkfifo(path)
    found: list = []
    worker = threading.Thread(target=lambda: found.append(load_settings()), daemon=True)
    worker.start()
    worker.join(20)
    assert found and found[0] == Settings() and "not a regular file" in found[0].problem
