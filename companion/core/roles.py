"""What the article says a person or organization is: titles, appositions, copular sentences.

"International Trade Minister Dominic LeBlanc" → "International Trade Minister";
"Candace Laing, the CEO of the Canadian Chamber of Commerce" → "CEO of the Canadian Chamber of Commerce";
"Laura Dawson is a … expert and the executive director of the Future Borders Coalition"
→ "executive director of the Future Borders Coalition".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from companion.core.names import is_title_word

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Entity

# A phrase runs to the end of its clause; dots inside "U.S." do not end it.
_PHRASE = r"(?:[^.;:,“”\"()]|(?<=[A-Z])\.(?=[A-Z-]|\s[a-z]))"
_CUT = re.compile(r"\s+(?:(?:and|but|while)\s+(?:he|she|they|it|we|i|who)|during|since|until|when|while|after|before)\b.*$", re.S)
_END = r"(?=\.(?:\s+[A-Z“\"‘]|\s*$)|[;:“”\"()]|$)"  # a sentence end, not the dots of "U.S."
_APPOSITION = re.compile(rf"^,\s+((?:the|a|an)\s+{_PHRASE}{{3,120}}?)(?=,|{_END})")
_COPULAR = re.compile(rf"^\s+(?:is|was|has been|serves as|served as)\s+((?:the|a|an)\s+(?:{_PHRASE}|,){{3,160}}?){_END}")
_WHO_SERVED = re.compile(rf"^,\s+who\s+(?:is|was|serves as|served as|works as|worked as)\s+({_PHRASE}{{3,120}}?)(?=,|{_END})")
# Words that begin the phrase before a title, never part of it (capitalised at a sentence start).
_STOP_BEFORE = frozenset("the a an his her their its our my this that while but and as".split())
# Lowercase words that can stand in a title before a name ("former prime minister").
_TITLE_MODIFIERS = frozenset("""former deputy acting interim vice prime chief senior junior
international trade foreign federal provincial state general executive managing assistant associate
then longtime veteran retired late top head public national""".split())


def find_role(text: str, entity: "Entity") -> tuple[str | None, str | None]:
    """(role, sentence it came from) for an entity, or (None, None)."""
    found: list[tuple[int, int, str, int]] = []  # (preference, tie-break, role, position)
    for m in entity.mentions:
        after = text[m.end:m.end + 200]
        for pattern in (_APPOSITION, _COPULAR, _WHO_SERVED):
            hit = pattern.match(after)
            role = _best_part(_CUT.sub("", hit.group(1))) if hit else None
            if role:  # "CEO of the Canadian Chamber of Commerce" says more than a title
                found.append((4 if " of " in role else 2, 0, role, m.start))
        if entity.label == "PERSON":
            title = _title_before(text[max(0, m.start - 120):m.start])
            if title:
                found.append((3, len(title), title, m.start))
    if not found:
        return None, None
    _, _, role, pos = max(found, key=lambda f: (f[0], f[1], -f[3]))
    return role, sentence_at(text, pos)


def _best_part(phrase: str) -> str | None:
    """Of "a relations expert and the executive director of X", the part that names a position."""
    parts = [p.strip() for p in re.split(r"\s+and\s+(?=(?:the|a|an)\s)", phrase)]
    parts = [re.sub(r"^(?:the|a|an)\s+", "", p) for p in parts if p]
    if not parts:
        return None
    with_of = [p for p in parts if " of " in p]
    return (with_of or parts)[-1 if with_of else 0].strip() or None


def _title_before(before: str) -> str | None:
    """The title right before a name, ending in a title word; None when there is none."""
    if not before or before[-1:] not in " \t" or re.search(r"[,.;:“”\"(]\s*$", before):
        return None
    words = before.split()
    if not words or not is_title_word(words[-1]):
        return None
    i = len(words) - 1
    while i > 0:
        word = words[i - 1]
        ends_clause = re.search(r"[,.;:“”\"(]$", word) and not re.fullmatch(r"(?:[A-Z]\.)+", word)
        if (word.lower() in _STOP_BEFORE and word != "and") or ends_clause:
            break
        if word == "and" and not (i >= 2 and is_title_word(words[i - 2])):
            break  # "lawyer and former diplomat" is one title; "Joly and Public Safety Minister" is not
        if not (word[:1].isupper() or word in ("and", "of") or is_title_word(word)
                or word.lower() in _TITLE_MODIFIERS):
            break
        i -= 1
    kept = words[i:]
    while kept and kept[0] in ("and", "of"):
        kept.pop(0)
    title = " ".join(kept)
    if len(kept) == 1 and title.lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "sir"):
        return None  # an honorific alone says nothing about the role
    return title or None


_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[“\"‘(]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|Inc|Corp|Ltd|Co|No|vs|Lt|Col|Capt|Sgt|Rev)\.)$")


def sentence_at(text: str, pos: int) -> str:
    """The sentence around `pos`; the dots of "U.S." and "Mr." do not end a sentence."""
    start, end = 0, len(text)
    for m in _BOUNDARY.finditer(text, max(0, pos - 1000), min(len(text), pos + 1000)):
        if m.group() != "\n" and _ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
            continue
        if m.end() <= pos:
            start = m.end()
        else:
            end = m.start()
            break
    return text[start:end].strip()
