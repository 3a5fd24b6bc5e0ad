"""Names as token sequences, for the reference glossary: words, dotted initialisms ("U.S." is
the token "US"), single punctuation marks; curly quotes and dashes unified, accents dropped."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

# A dotted initialism ("U.S.", "U.S", "N.A.T.O."), a word, or one other non-space character.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.[^\W\d_]\b|\w+|[^\w\s]")
_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ",
})
_QUOTES = {'"', "'"}


def _plain(token: str) -> str:
    """The token with initialism dots removed, apostrophes/dashes unified and accents stripped."""
    if "." in token and len(token) > 1:
        token = token.replace(".", "")
    if token.isascii():
        return token.replace("`", "'") if "`" in token else token
    token = token.translate(_CHAR_MAP)
    if not token.isascii():
        token = "".join(c for c in unicodedata.normalize("NFKD", token)
                        if not unicodedata.combining(c))
    return token


def _tokens(text: str) -> list[str]:
    return [_plain(m.group()) for m in _TOKEN.finditer(text.translate(_CHAR_MAP))]


def _strip_quotes(tokens: list[str]) -> list[str]:
    """Drop surrounding quote marks (a trailing "'" after an s is a possessive: kept)."""
    while tokens and tokens[0] in _QUOTES:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _QUOTES:
        if tokens[-1] == "'" and len(tokens) >= 2 and tokens[-2].lower().endswith("s"):
            break                         # "the Teamsters'"
        tokens = tokens[:-1]
    return tokens


def _strip_possessive(tokens: list[str]) -> list[str]:
    """Drop a trailing possessive: "Canada ' s" -> "Canada", "Teamsters '" -> "Teamsters"."""
    if len(tokens) >= 3 and tokens[-2] == "'" and tokens[-1].lower() == "s":
        return tokens[:-2]
    if len(tokens) >= 2 and tokens[-1] == "'":
        return tokens[:-1]
    return tokens


def _name_key(name: str) -> list[str]:
    """The token sequence a name is indexed by: quotes dropped, and a leading "the" dropped when
    two or more words follow it.  A final "'s" that is part of the name ("Maclean's") is kept."""
    return _drop_the(_strip_quotes(_tokens(name)))


def is_acronym(alias: str) -> bool:
    """One short token, mostly capitals or at most 3 characters: "WHO", "G7", "MoD", "Fed", "T-MEC"."""
    compact = re.sub(r"[.\-&+]", "", alias)
    if not compact or len(compact) > 8 or not compact.isalnum():
        return False
    letters = [c for c in compact if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 1 and (upper * 2 >= len(letters) or len(compact) <= 3)


def _is_caps_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fold(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(t.casefold() for t in tokens)


def _drop_the(tokens: list[str]) -> list[str]:
    """A leading "the" is dropped from names of two or more words after it."""
    if len(tokens) >= 3 and tokens[0].casefold() == "the":
        return tokens[1:]
    return tokens
