"""The bundled reference glossary: institutions a news reader meets, with a short definition.

The data lives in ``assets/reference_glossary.json``::

    {"version": 1, "entries": [
        {"term": "U.S. Customs and Border Protection",
         "aliases": ["CBP", "Customs and Border Protection"],
         "kind": "agency", "region": "US",
         "definition": "The U.S. federal law-enforcement agency that ...",
         "as_of": "2026-12", "status": "active", "source": "https://www.cbp.gov/"}]}

Dating (``as_of``, ``status``, ``ended``, ``renamed_to``, ``source``): ``as_of`` is the month the
entry was last checked ("YYYY-MM"); ``status`` is ``active`` or, for a body or treaty that no longer
runs as named, ``defunct``, ``expired`` (a treaty or mandate that reached its end) or ``renamed``,
each with the year it ``ended`` and, for ``renamed``, the new name ``renamed_to``; ``source`` is an
https URL of the body's own site (or its Wikipedia page where no official site is certain).

Kinds (``KINDS``), a small fixed vocabulary:

    agency                      a government agency, regulator, service or Crown corporation
    department                  a government department (CA "Finance Canada", US "Department of State",
                                UK "Department for Transport")
    ministry                    a government body named "Ministry of ..." (UK "Ministry of Defence",
                                China's Ministry of Commerce)
    international-organization  an intergovernmental body or bloc (UN, WHO, NATO, G7, EU)
    agreement                   a treaty or trade agreement (CUSMA, CETA, Paris Agreement)
    central-bank                a central bank or its policy committee (Bank of Canada, Fed, ECB)
    court                       a court or tribunal (Supreme Court of Canada, ICJ)
    party                       a political party or its national committee
    news-organization           a news agency, broadcaster, newspaper or magazine
    ngo                         a non-profit, charity, think tank, advocacy group or union
    business-group              a chamber of commerce, industry association or business coalition
    legislature                 a parliament, one of its chambers, or a legislative committee
    executive-office            a head of government's office or an executive body (White House, PMO,
                                European Commission)
    military                    an armed force, service branch or military command
    company                     a business (including state-owned and Crown companies)
    university                  a university or college
    place                       a building or place used as shorthand for an institution (Oval Office)
    law                         a statute (IEEPA)
    program                     a government program or scheme (NEXUS)
    other                       anything else (alliances, armed groups, initiatives)

Regions (``region``): "CA", "US", "UK", "EU", "International", or another ISO 3166-1 alpha-2
country code ("DE", "JP", ...).

Matching.  Names are compared as token sequences: words, dotted initialisms ("U.S." and "U.S"
are the token "US"), and single punctuation marks, so whitespace is collapsed and curly
apostrophes/quotes and dashes are normalised.  An alias is an *acronym* when it is a single name of
at most 8 characters (ignoring dots, hyphens, "&" and "+") that has a capital and either is at most
3 characters long or has capitals for at least half of its letters ("WHO", "ICE", "DoD", "MoD",
"Fed", "G7", "T-MEC", "U.S."); acronyms match case-sensitively only, so the words "who", "ice" and
"fed" never mean WHO, ICE or the Fed.  Other aliases ("long forms"):

* ``lookup`` matches them case-insensitively, ignoring accents, a leading "the" and a trailing
  possessive ("the Bank of Canada's" finds the Bank of Canada);
* ``find_in_text`` matches them when every capitalised word of the alias is capitalised in the
  text ("Bank of Canada", "BANK OF CANADA", not "home office" for the Home Office), and all-capital
  words inside a long form ("CBC News", "U.S. Senate") exactly.

A leading "The" is optional in text for multi-word names ("the New York Times"); for a name of one
word after "The" it is required ("The Economist"/"the Economist", never "economist").  Single-word
long forms ("Kremlin", "Pentagon", "Congress") match only when capitalised, so a sentence that starts
with one of them ("Congress ...") is a match by design.

Data notes.  A name may belong to several entries only when their regions differ ("Supreme Court",
"House of Commons", "Treasury", "Liberal Party"): ``lookup_all`` and ``matches`` give all of them
and the glossary decides by the article's region (``lookup`` and ``find_in_text`` keep answering
with the first).  Names too vague even with a region ("Senate", "Tories") stay out.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from companion.core.reference_tokens import (  # noqa: F401  (is_acronym is public here too)
    _TOKEN, _drop_the, _fold, _is_caps_word, _plain, _strip_possessive, _strip_quotes, _tokens,
    is_acronym,
)
from companion.resources import ASSETS_DIR

DEFAULT_PATH = ASSETS_DIR / "reference_glossary.json"
FORMAT_VERSION = 1

KINDS: frozenset[str] = frozenset({
    "agency", "department", "ministry", "international-organization", "agreement",
    "central-bank", "court", "party", "news-organization", "ngo", "business-group",
    "legislature", "executive-office", "military", "company", "university", "place", "law",
    "program", "other",
})
STATUSES: frozenset[str] = frozenset({"active", "defunct", "expired", "renamed"})
NAMED_REGIONS: frozenset[str] = frozenset({"CA", "US", "UK", "EU", "International"})
_ISO_CODE = re.compile(r"[A-Z]{2}")
_ENTRY_KEYS = ("term", "aliases", "kind", "region", "definition")
_DATING_KEYS = ("as_of", "status", "ended", "renamed_to", "source")
_AS_OF = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])")
_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/\S*)?")
MAX_DEFINITION_CHARS = 500


@dataclass(frozen=True)
class ReferenceEntry:
    term: str
    aliases: tuple[str, ...]
    kind: str
    region: str
    definition: str
    as_of: str = ""                  # "YYYY-MM": the month the entry was checked
    status: str = "active"           # STATUSES
    ended: int | None = None         # the year a defunct/expired/renamed body or treaty ended
    renamed_to: str | None = None    # the new name of a renamed body
    source: str = ""                 # https URL of the body's own site (or its Wikipedia page)

    @property
    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class ReferenceMatch:
    """One name of the reference found in a text: every entry of that name (several when the
    name is shared by bodies of different regions), and whether it matched as an acronym."""
    start: int
    end: int
    entries: tuple[ReferenceEntry, ...]
    acronym: bool
    name: str                        # the alias as written in the reference


# --------------------------------------------------------------------------- matching
_WINDOW = 200                      # characters after a first word within which a name must end
_CAPITALISED = re.compile(r"[A-Z0-9À-ÖØ-Þ]\w*")
_NEXT_TOKEN = re.compile(r"\s*((?:[^\W\d_]\.){2,}|[^\W\d_]\.[^\W\d_]\b|\w+|[^\w\s])")
_THE_BEFORE = re.compile(r"(?:The|THE)\s+$")


# --------------------------------------------------------------------------- the reference
@dataclass(frozen=True)
class _Pattern:
    folded: tuple[str, ...]       # casefolded tokens, what the text must equal
    tokens: tuple[str, ...]       # tokens as written, for the case rules
    acronym: bool
    leading_the: bool             # the alias as written began with "The", now dropped
    the_in_name: bool             # the entry's term begins with "The" ("The Economist")
    entry: ReferenceEntry
    name: str                     # the alias as written


class Reference:
    """The loaded glossary, indexed once for fast ``lookup`` and ``find_in_text``."""

    def __init__(self, entries: Iterable[ReferenceEntry]):
        self.entries: tuple[ReferenceEntry, ...] = tuple(entries)
        self._exact: dict[str, list[ReferenceEntry]] = {}
        self._cased: dict[tuple[str, ...], list[ReferenceEntry]] = {}
        self._folded: dict[tuple[str, ...], list[ReferenceEntry]] = {}
        patterns: dict[str, list[_Pattern]] = {}
        for entry in self.entries:
            the_in_name = entry.term.casefold().startswith("the ")
            for name in entry.names:
                _add(self._exact, name, entry)
                raw = _strip_quotes(_tokens(name))
                if not raw:
                    continue
                acronym = is_acronym(name)
                toks = _drop_the(raw)
                _add(self._cased, tuple(toks), entry)
                if not acronym:
                    _add(self._folded, _fold(toks), entry)
                pattern = _Pattern(_fold(toks), tuple(toks), acronym, len(toks) < len(raw),
                                   the_in_name, entry, name)
                patterns.setdefault(pattern.folded[0], []).append(pattern)
        for plist in patterns.values():
            plist.sort(key=lambda p: len(p.folded), reverse=True)
        self._patterns = patterns
        # A trie of folded tokens: node[""] holds the patterns that end there.
        self._trie: dict[str, dict] = {}
        for plist in patterns.values():
            for p in plist:
                node = self._trie
                for tok in p.folded:
                    node = node.setdefault(tok, {})
                node.setdefault("", []).append(p)
        self._fold_cache: dict[str, str] = {}
        # First words that may be written in lower case ("the Economist", "federal NDP", a reader's
        # "tariffs"); every other name starts with a capital or a digit.
        lower = {"the"} | {p.tokens[0].lower() for plist in patterns.values() for p in plist
                           if not (p.tokens[0][:1].isupper() or p.tokens[0][:1].isdigit())}
        words = sorted(lower, key=len, reverse=True)
        self._lower_starts = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ReferenceEntry]:
        return iter(self.entries)

    # ---- lookup
    def lookup(self, name: str) -> ReferenceEntry | None:
        """The entry a name (term or alias) refers to, or None (the first, when several share it).

        Exact match first; then the normalised name with its case; then, for names that are not
        acronyms, case-insensitively.  A leading "the" and a trailing possessive are ignored.
        """
        found = self.lookup_all(name)
        return found[0] if found else None

    def lookup_all(self, name: str) -> tuple[ReferenceEntry, ...]:
        """Every entry a name refers to: one, or several of different regions ("Supreme Court")."""
        if not name:
            return ()
        hit = self._exact.get(name) or self._exact.get(name.strip())
        if hit:
            return tuple(hit)
        full = _strip_quotes(_tokens(name))
        candidates: list[list[str]] = []
        for toks in (full, _strip_possessive(full)):
            if toks and toks not in candidates:
                candidates.append(toks)
            if len(toks) >= 2 and toks[0].casefold() == "the":
                candidates.append(toks[1:])
        for toks in candidates:
            hit = self._cased.get(tuple(toks))
            if hit:
                return tuple(hit)
        for toks in candidates:             # acronyms are not in this index: "who" is not WHO
            hit = self._folded.get(_fold(toks))
            if hit:
                return tuple(hit)
        return ()

    # ---- find_in_text
    def find_in_text(self, text: str) -> list[tuple[int, int, ReferenceEntry]]:
        """Every occurrence of a term or alias: (start, end, entry), in text order.

        Leftmost-longest and non-overlapping, on token (word) boundaries.  The span covers the name
        as written: a capitalised "The" is included when the entry's term begins with "The" ("The New
        York Times", "The Economist"); otherwise, and for a lowercase "the", it is left out ("The
        White House said" gives "White House", "the Economist" gives "Economist").  A name shared by
        several entries gives the first; ``matches`` gives them all.
        """
        return [(m.start, m.end, m.entries[0]) for m in self.matches(text)]

    def matches(self, text: str) -> list[ReferenceMatch]:
        """Every occurrence of a term or alias with all the entries of that name, in text order."""
        found: list[ReferenceMatch] = []
        if not text:
            return found
        after = 0
        trie, cache = self._trie, self._fold_cache
        if len(cache) > 100_000:          # bounded: a long-lived reference meets many words
            cache.clear()
        # Names start with a capital or a digit (the few lower-case first words are looked for
        # apart): only there is the text tokenised and compared, so a megabyte takes a fraction
        # of a second.
        hits = [h.start() for h in _CAPITALISED.finditer(text)]
        hits += [h.start() for h in self._lower_starts.finditer(text)]
        hits.sort()
        for pos in hits:
            if pos < after or (pos and text[pos - 1].isalnum()):
                continue
            m = _TOKEN.match(text, pos)
            word = m.group() if m else ""
            key = cache.get(word)
            if key is None:
                key = cache[word] = _plain(word).casefold()
            node = trie.get(key)
            if node is None:
                continue
            if "" not in node:             # a longer name only: look at the next word first
                nxt = _NEXT_TOKEN.match(text, m.end())
                if nxt is None or _plain(nxt.group(1)).casefold() not in node:
                    continue
            match = self._match_at(text, pos, m)
            if match is not None:
                found.append(match)
                after = match.end
        return found

    def _match_at(self, text: str, pos: int, first: re.Match) -> ReferenceMatch | None:
        """The longest name starting at `pos` whose capitals fit, or None."""
        tokens = [first]
        node = self._trie.get(_plain(first.group()).casefold())
        ends: list[tuple[int, list[_Pattern]]] = []
        # Curly quotes, dashes and no-break spaces tokenise like their plain forms; _plain
        # normalises each token, so the text itself need not be translated.
        rest = _TOKEN.finditer(text, first.end(), min(len(text), first.end() + _WINDOW))
        while node is not None:
            if "" in node:
                ends.append((len(tokens), node[""]))
            nxt = next(rest, None)
            if nxt is None:
                break
            tokens.append(nxt)
            node = node.get(_plain(nxt.group()).casefold())
        for size, plist in reversed(ends):
            plain = [_plain(t.group()) for t in tokens[:size]]
            fits = [p for p in plist if _case_ok(p, plain, 0)]
            if not fits:
                continue
            p = fits[0]
            start = tokens[0].start()
            if p.tokens[0].casefold() == "the":            # "the Economist", "the Kremlin"
                if not p.the_in_name or plain[0] == "the":
                    start = tokens[1].start()
            elif p.leading_the and p.the_in_name:           # "The New York Times"
                before = _THE_BEFORE.search(text, max(0, pos - 8), pos)
                if before:
                    start = before.start()
            return ReferenceMatch(start, tokens[size - 1].end(),
                                  tuple(dict.fromkeys(q.entry for q in fits)), p.acronym, p.name)
        return None


def _add(index: dict, key: Any, entry: ReferenceEntry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _case_ok(p: _Pattern, plain: list[str], i: int) -> bool:
    for offset, want in enumerate(p.tokens):
        got = plain[i + offset]
        if p.acronym or _is_caps_word(want):
            if got != want:
                return False
        elif want[:1].isupper() and want.casefold() != "the":
            if not got[:1].isupper():
                return False
    return True


# --------------------------------------------------------------------------- loading
def _entry(raw: dict[str, Any]) -> ReferenceEntry:
    return ReferenceEntry(term=raw["term"], aliases=tuple(raw.get("aliases", ())),
                          kind=raw["kind"], region=raw["region"], definition=raw["definition"],
                          as_of=raw.get("as_of", ""), status=raw.get("status", "active"),
                          ended=raw.get("ended"), renamed_to=raw.get("renamed_to"),
                          source=raw.get("source", ""))


def load_reference(path: str | Path | None = None) -> Reference:
    """Load and validate a glossary file; the bundled one (cached) when ``path`` is None.

    Raises ValueError listing the problems when the file does not validate.
    """
    if path is None:
        return _load_default()
    return _load(Path(path))


@functools.lru_cache(maxsize=1)
def _load_default() -> Reference:
    return _load(DEFAULT_PATH)


def _load(path: Path) -> Reference:
    data = json.loads(path.read_text(encoding="utf-8"))
    problems = validate(data)
    if problems:
        shown = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise ValueError(f"{path}: invalid reference glossary: {shown}{more}")
    return Reference(_entry(raw) for raw in data["entries"])


# --------------------------------------------------------------------------- validation
def validate(data: Any) -> list[str]:
    """Problems with a glossary document, as readable messages; [] when it is sound."""
    from companion.core.reference_schema import problems_of   # it needs this module's helpers
    return problems_of(data)
