"""Acronyms defined in a text, in the forms newspapers use.

    Long Form (LF)     LF (Long Form)     Long Form, or LF,     LF, the Long Form,

Letters of the short form are matched to the capitalised parts of the long form's words, from
the right; lowercase function words are skipped but never matched (so OPEC starts at
"Organization", not at "of"); hyphenated and dotted words count part by part ("Canada-U.S.-Mexico"
gives C, U, S, M); a country abbreviation just before the long form belongs to it
("U.S. Customs and Border Protection").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FUNCTION_WORDS = frozenset("""of the and for on in de du des la le et & to at by an a am pour
und der die das fur für""".split())
_SHORT_FORM = r"[A-Z][A-Za-z0-9&.\-]{1,11}"
_WORD = re.compile(r"\S+")
_COUNTRY_ABBREV = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2}")
_CLAUSE_END = re.compile(r"[,;:!?\"“”()\[\]]$|(?<![A-Z])\.$")


@dataclass(frozen=True)
class AcronymPair:
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int


def is_short_form(candidate: str) -> bool:
    letters = [c for c in candidate if c.isalpha()]
    upper = [c for c in letters if c.isupper()]
    return (2 <= len(candidate) <= 12 and len(upper) >= 2 and len(upper) * 2 >= len(letters)
            and re.fullmatch(_SHORT_FORM, candidate) is not None)


# Long form before the short form: the pattern finds the short form, the long form is matched
# backwards from where the pattern starts.
_LONG_FIRST = (
    re.compile(rf"\(\s*[“\"]?({_SHORT_FORM})[”\"]?\s*\)"),      # Long Form (LF)
    re.compile(rf",\s+or\s+({_SHORT_FORM})(?=[,.;)])"),             # Long Form, or LF,
)
# Short form first, found from the literal that follows it ("(" or ", the "), because a
# pattern that starts with the short form is tried at every capital letter of a megabyte.
_SHORT_FIRST = (
    (re.compile(r"\("),                                                          # LF (Long Form)
     re.compile(rf"(?<![\w-])({_SHORT_FORM})\s+$"), re.compile(r"\s*([^()]{3,120}?)\s*\)")),
    (re.compile(r",\s+the\s+"),                                                  # LF, the Long Form,
     re.compile(rf"(?<![\w-])({_SHORT_FORM})$"), re.compile(r"([^,.;()]{3,120}?)(?=[,.;)])")),
)


def find_acronyms(text: str) -> list[AcronymPair]:
    """Every acronym definition in `text`, first definition of each short form only."""
    pairs: list[AcronymPair] = []
    seen: set[str] = set()
    for pair in _all_pairs(text):
        if pair.short not in seen:
            seen.add(pair.short)
            pairs.append(pair)
    return sorted(pairs, key=lambda p: p.long_start)


def _all_pairs(text: str):
    for pattern in _LONG_FIRST:
        for m in pattern.finditer(text):
            short = m.group(1)
            span = (_long_form_before(text, m.start(), _letters(short), short)
                    if is_short_form(short) else None)
            if span:
                yield AcronymPair(short, text[span[0]:span[1]], m.start(1), *span)
    for anchor, short_before, long_after in _SHORT_FIRST:
        for a in anchor.finditer(text):
            before = short_before.search(text, max(0, a.start() - 16), a.start())
            after = long_after.match(text, a.end()) if before else None
            if after is None:
                continue
            short, long = before.group(1), after.group(1)
            if is_short_form(short) and _covers(long, _letters(short)):
                yield AcronymPair(short, long, before.start(1), after.start(1), after.end(1))


def _letters(short: str) -> str:
    return "".join(c for c in short if c.isupper())


def _parts(word: str) -> list[str]:
    """"Canada-U.S.-Mexico" → Canada, U, S, Mexico; "PetroChina" → Petro, China."""
    pieces = [p for p in re.split(r"[-./’'&]", word) if p]
    return [q for p in pieces for q in re.findall(r"[A-Z][a-z]*|[a-z]+|\d+|[A-Z]+(?![a-z])", p)] or [word]


def _match(words: list[str], letters: str) -> int | None:
    """Index of the first word of the shortest run ending at words[-1] whose parts spell `letters`."""
    flat = [(i, part) for i, w in enumerate(words) for part in _parts(w)]
    if not flat or words[-1].lower() in FUNCTION_WORDS:
        return None

    def solve(p: int, li: int) -> int | None:
        if li < 0:
            return flat[p + 1][0] if p + 1 < len(flat) else None
        if p < 0:
            return None
        wi, part = flat[p]
        word = words[wi]
        if part[0].isupper() and part[0] == letters[li] and word.lower() not in FUNCTION_WORDS:
            found = solve(p - 1, li - 1)
            if found is not None:
                return found
        skippable = word.lower() in FUNCTION_WORDS or (part[0].islower() and "-" in word)
        return solve(p - 1, li) if skippable else None

    start = solve(len(flat) - 1, len(letters) - 1)
    if start is None or _parts(words[start])[0] != next(part for i, part in flat if i == start):
        return None
    return start


def _covers(phrase: str, letters: str) -> bool:
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and _match(words, letters) == 0


def _loose_match(words: list[str], short: str) -> int | None:
    """Index of the first word of a long form whose letters contain the short form's in order,
    the first at the start of a word (Schwartz & Hearst 2003): "England and Wales Cricket Board"
    (ECB), "Southeastern Conference" (SEC).  Only over capitalised names: the run of capitalised
    and function words just before the parenthesis, at most twice as many words as letters."""
    chars = [c.lower() for c in short if c.isalnum()]
    run = len(words)
    while run > 0 and (words[run - 1][:1].isupper() or words[run - 1].lower() in FUNCTION_WORDS):
        run -= 1
    words = words[run:]
    if not words or len(chars) < 2 or words[-1].lower() in FUNCTION_WORDS:
        return None
    phrase = " ".join(words).lower()
    li = len(phrase) - 1
    for si in range(len(chars) - 1, -1, -1):
        while li >= 0 and (phrase[li] != chars[si]
                           or (si == 0 and li > 0 and phrase[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    first = phrase[:li + 1].count(" ")            # the word the first letter starts
    if not words[first][:1].isupper() or len(words) - first > min(len(chars) + 5, 2 * len(chars)):
        return None
    return run + first


def _long_form_before(text: str, end: int, letters: str, short: str = "") -> tuple[int, int] | None:
    """(start, end) of the long form that ends just before text[end], or None."""
    window = text[max(0, end - 200):end]
    offset = end - len(window)
    tokens = list(_WORD.finditer(window))
    words: list[re.Match] = []
    for tok in reversed(tokens):
        if words and _CLAUSE_END.search(tok.group()):
            break
        words.insert(0, tok)
        if len(words) > 2 * len(letters) + 4:
            break
    if not words or _CLAUSE_END.search(words[-1].group()) and not words[-1].group().endswith("."):
        return None
    start = _match([w.group() for w in words], letters)
    if start is None:
        start = _loose_match([w.group() for w in words], short) if short else None
    if start is None:
        return None
    if start > 0 and _COUNTRY_ABBREV.fullmatch(words[start - 1].group()):
        start -= 1  # "U.S. Customs and Border Protection (CBP)" starts at "U.S."
    return offset + words[start].start(), offset + words[-1].end()
