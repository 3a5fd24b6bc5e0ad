"""Where a name stands in the text, for the glossary's evidence: sentence starts, ALL-CAPS lines,
photo credits, people's names, a country before the name, names made only of generic words.

Plain functions on the text and the model's mentions; the decisions are in core/glossary.py.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Protocol, Sequence

from companion.core.names import all_caps_lines, is_title_word
from companion.core.region import qualifier_country
from companion.resources import ASSETS_DIR

COMMON_WORDS = ASSETS_DIR / "common_words.txt"

FUNCTION_NAME_WORDS = frozenset("of the and for on in & de du la le to at by".split())

# Words of institution names found in many countries: a name made only of these (and function
# words) says nothing about which country's body it is ("Department of Justice", "Labour Party",
# "Supreme Court", "Treasury", "Congress").
GENERIC_NAME_WORDS = frozenset("""
department ministry office house senate congress parliament assembly court supreme high federal
national party labour labor liberal liberals conservative conservatives democratic democrats
democrat republican republicans social socialist socialists green greens justice finance defence
defense foreign affairs home interior treasury health education commons lords representatives
council cabinet security police service state public new people's union central bank reform
revenue customs border force army navy air coast guard trade agriculture transport
transportation environment energy work pensions immigration citizenship commerce labour
industry culture media sport science housing veterans committee ways means intelligence
""".split())
# Capitalised words that often start a sentence before a name without being part of it.
_SENTENCE_WORDS = frozenset("""the a an this that these those in on at by for from with without
as but and or if when while after before since until under over both each every some many most
all no former ex then now also only even why how what where who yesterday today meanwhile however
earlier later last next rival shares investors officials analysts critics""".split())
# "(Photo: AFP)", "Photo: AP", "Credit: Bloomberg via Getty Images", "(AP Photo/Jane Doe)",
# "(AFP/Getty Images)": a credit names who took the picture, not what the article is about.
_CREDIT = re.compile(
    r"\((?:[^()\n]{0,40}?\b(?:Photo|Photograph|Picture|Image|Credit|Getty Images|Getty)\b"
    r"[^()\n]{0,60})\)|(?im:^[ \t]*(?:photo|photograph|picture|image|credit|file photo)s?"
    r"(?:\s+by)?\s*[:/].{0,80}$)")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*\s*$|^\s*$|\n\s*$|[\"“‘(]\s*$")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|"
                           r"Inc|Co|Corp|Ltd|No|vs|U\.S|U\.K)\.)\s*$")


class RawSpan(Protocol):
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class TextContext:
    """What the glossary needs to know about the text, computed once per document."""
    text: str
    caps: list[tuple[int, int]]          # ALL-CAPS lines (headlines)
    credits: list[tuple[int, int]]       # photo credits
    labels: list[tuple[int, int, str]]   # the model's mentions, sorted
    surnames: frozenset[str]             # last words of people's full names
    memo: dict = field(default_factory=dict, compare=False)   # answers worth keeping per text

    @classmethod
    def of(cls, text: str, mentions: Sequence[RawSpan] = ()) -> "TextContext":
        labels = sorted((m.start, m.end, m.label) for m in mentions)
        surnames = frozenset(text[s:e].split()[-1] for s, e, label in labels
                             if label == "PERSON" and len(text[s:e].split()) >= 2)
        return cls(text, all_caps_lines(text), [m.span() for m in _CREDIT.finditer(text)],
                   labels, surnames)

    def in_caps_line(self, pos: int) -> bool:
        return _inside(pos, self.caps)

    def in_credit(self, pos: int) -> bool:
        return _inside(pos, self.credits)

    def labels_over(self, start: int, end: int) -> set[str]:
        """The model's labels on mentions overlapping text[start:end]."""
        i = bisect.bisect_left(self.labels, (start - 200, 0, ""))
        found = set()
        for s, e, label in self.labels[i:]:
            if s >= end:
                break
            if e > start:
                found.add(label)
        return found

    def person_over(self, start: int, end: int) -> bool:
        """A PERSON mention covers this span, and not only as a title before the name ("Fed
        Chair Jerome Powell" as one PERSON span is the Fed's chair, not a person called Fed)."""
        i = bisect.bisect_left(self.labels, (start - 200, 0, ""))
        for s, e, label in self.labels[i:]:
            if s >= end:
                break
            if label == "PERSON" and e > start:
                after = self.word_after(end)
                if not (s >= start and after and is_title_word(after)):
                    return True
        return False

    def org_label_on(self, start: int, end: int) -> bool:
        """The model called this span an organization (allowing "the" and a possessive around it)."""
        i = bisect.bisect_left(self.labels, (start - 200, 0, ""))
        for s, e, label in self.labels[i:]:
            if s >= end:
                break
            if label == "ORG" and s <= start + 4 and e >= end - 2 and e - s <= end - start + 6:
                return True
        return False

    def at_sentence_start(self, pos: int) -> bool:
        before = self.text[max(0, pos - 40):pos]
        if not before.strip():
            return True
        return bool(_SENTENCE_END.search(before)) and not _ABBREVIATION.search(before)

    def word_before(self, pos: int) -> tuple[str, int] | None:
        """The word just before `pos` on the same line (with its start), skipping no punctuation."""
        m = re.search(r"([\w.’'&-]+)[ \t]+$", self.text[max(0, pos - 60):pos])
        if m is None or (m.group(1).endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", m.group(1))):
            return None                    # "… since December. Fed Chair …": another sentence
        return m.group(1), pos - len(m.group())

    def word_after(self, end: int) -> str | None:
        m = re.match(r"[ \t]+([\w.’'&-]+)", self.text[end:end + 60])
        return m.group(1) if m else None

    def qualifier(self, start: int, end: int) -> tuple[str, str] | None:
        """("country", code) for "Japan's …", "German …", "… of Ireland"; ("local", code) for
        "Texas …", "New York …"; None when nothing before or after places the name."""
        before = self.text[max(0, start - 40):start]
        m = re.search(r"((?:[A-Z][\w.’'-]*\s){0,2}[A-Z][\w.’'-]*)[ \t]+$", before)
        if m:
            words = m.group(1).split()
            for k in range(len(words)):                 # longest first: "New York", "York"
                found = qualifier_country(" ".join(words[k:]))
                if found:
                    return found
        m = re.match(r"\s+of\s+((?:the\s+)?[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)?)", self.text[end:end + 40])
        if m:
            found = qualifier_country(m.group(1))
            if found and found[0] == "country":
                return found
        return None


def is_common_word_name(name: str) -> bool:
    """A one-word name that is also an English word, capitalised: "Apple", "Shell", "Fed" (not
    "Reuters" or "Microsoft").  The list is built from WordNet by assets/build_common_words.py."""
    return (name[:1].isupper() and name[1:].islower() and name.isalpha()
            and name.casefold() in common_words())


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The reference's one-word names that are English words (assets/common_words.txt); when
    the file cannot be read, every capitalised one-word name counts as one (the cautious side)."""
    try:
        lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return _EVERY_WORD
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


class _Everything(frozenset):
    def __contains__(self, item: object) -> bool:
        return True


_EVERY_WORD = _Everything()


@functools.lru_cache(maxsize=4096)
def is_generic_name(name: str) -> bool:
    """Only institution words: "Department of Justice", "Supreme Court", "Labour Party"."""
    words = [w.casefold().strip(".,") for w in re.findall(r"[\w’'.-]+", name)]
    words = [w for w in words if w not in FUNCTION_NAME_WORDS]
    return bool(words) and all(w in GENERIC_NAME_WORDS for w in words)


def inside_person_name(ctx: TextContext, start: int, end: int, name: str) -> bool:
    """"Michael Bloomberg", "Mayor Bloomberg", "Nikola Tesla": the name is (part of) a person's."""
    if ctx.person_over(start, end) and not ctx.org_label_on(start, end):
        return True
    before = ctx.word_before(start)
    if before is None:
        return False
    word = before[0]
    if word[:1].isupper() and is_title_word(word):
        return True      # "Mayor Bloomberg", "Dr. Yale" (but "oil major Shell" is the company)
    if (word[:1].isupper() and word.isalpha() and word.casefold() not in _SENTENCE_WORDS
            and not _country_word(word) and word.upper() != word):
        return True      # "Michael Bloomberg", "Robert Brookings": a first name before it
    return False


def in_compound_word(ctx: TextContext, start: int, end: int) -> bool:
    """"Harvard-style", "Meta-analysis": the name is the first half of a hyphenated word."""
    return bool(re.match(r"-[a-z]", ctx.text[end:end + 2]))


def part_of_longer_name(ctx: TextContext, start: int, end: int) -> bool:
    """"Social Democrats", "Amazon Web Services": a one-word name inside a longer capitalised one."""
    before = ctx.word_before(start)
    if before is not None:
        word = before[0]
        if (word[:1].isupper() and word.casefold() not in _SENTENCE_WORDS
                and not _country_word(word) and not is_title_word(word)):
            return True
    after = ctx.word_after(end)
    return bool(after and after[:1].isupper() and not after.isupper() and not is_title_word(after)
                and after.casefold() not in _SENTENCE_WORDS)


def _country_word(word: str) -> bool:
    """"Canada's", "German", "U.S.": a country before a name qualifies it; a city or region may
    as well be a first name ("Ann", "Georgia", "Austin")."""
    found = qualifier_country(word)
    return bool(found and found[0] == "country")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
