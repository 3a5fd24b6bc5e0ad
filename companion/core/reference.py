"""The bundled reference glossary: institutions a news reader meets, with a short definition.

The data lives in ``assets/reference_glossary.json``::

    {"version": 1, "entries": [
        {"term": "U.S. Customs and Border Protection",
         "aliases": ["CBP", "Customs and Border Protection"],
         "kind": "agency", "region": "US",
         "definition": "The U.S. federal law-enforcement agency that ..."}]}

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

Data notes.  One alias belongs to one entry.  Names that are genuinely ambiguous in the news are
left out rather than guessed: "House of Commons", "Senate", "Supreme Court", "Treasury", "Liberal
Party", "Tories" (each exists in several countries) and acronyms used by several bodies ("CBA",
"CME"); the qualified forms ("Canadian House of Commons", "U.S. Senate", "UK Supreme Court") are in.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from companion.resources import ASSETS_DIR

DEFAULT_PATH = ASSETS_DIR / "reference_glossary.json"
FORMAT_VERSION = 1

KINDS: frozenset[str] = frozenset({
    "agency", "department", "ministry", "international-organization", "agreement",
    "central-bank", "court", "party", "news-organization", "ngo", "business-group",
    "legislature", "executive-office", "military", "company", "university", "place", "other",
})
NAMED_REGIONS: frozenset[str] = frozenset({"CA", "US", "UK", "EU", "International"})
_ISO_CODE = re.compile(r"[A-Z]{2}")
_ENTRY_KEYS = ("term", "aliases", "kind", "region", "definition")
MAX_DEFINITION_CHARS = 500


@dataclass(frozen=True)
class ReferenceEntry:
    term: str
    aliases: tuple[str, ...]
    kind: str
    region: str
    definition: str

    @property
    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


# --------------------------------------------------------------------------- tokens
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


# --------------------------------------------------------------------------- the reference
@dataclass(frozen=True)
class _Pattern:
    folded: tuple[str, ...]       # casefolded tokens, what the text must equal
    tokens: tuple[str, ...]       # tokens as written, for the case rules
    acronym: bool
    leading_the: bool             # the alias as written began with "The", now dropped
    the_in_name: bool             # the entry's term begins with "The" ("The Economist")
    entry: ReferenceEntry


class Reference:
    """The loaded glossary, indexed once for fast ``lookup`` and ``find_in_text``."""

    def __init__(self, entries: Iterable[ReferenceEntry]):
        self.entries: tuple[ReferenceEntry, ...] = tuple(entries)
        self._exact: dict[str, ReferenceEntry] = {}
        self._cased: dict[tuple[str, ...], ReferenceEntry] = {}
        self._folded: dict[tuple[str, ...], ReferenceEntry] = {}
        patterns: dict[str, list[_Pattern]] = {}
        for entry in self.entries:
            the_in_name = entry.term.casefold().startswith("the ")
            for name in entry.names:
                self._exact.setdefault(name, entry)
                raw = _strip_quotes(_tokens(name))
                if not raw:
                    continue
                acronym = is_acronym(name)
                toks = _drop_the(raw)
                self._cased.setdefault(tuple(toks), entry)
                if not acronym:
                    self._folded.setdefault(_fold(toks), entry)
                pattern = _Pattern(_fold(toks), tuple(toks), acronym, len(toks) < len(raw),
                                   the_in_name, entry)
                patterns.setdefault(pattern.folded[0], []).append(pattern)
        for plist in patterns.values():
            plist.sort(key=lambda p: len(p.folded), reverse=True)
        self._patterns = patterns

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ReferenceEntry]:
        return iter(self.entries)

    # ---- lookup
    def lookup(self, name: str) -> ReferenceEntry | None:
        """The entry a name (term or alias) refers to, or None.

        Exact match first; then the normalised name with its case; then, for names that are not
        acronyms, case-insensitively.  A leading "the" and a trailing possessive are ignored.
        """
        if not name:
            return None
        hit = self._exact.get(name) or self._exact.get(name.strip())
        if hit is not None:
            return hit
        full = _strip_quotes(_tokens(name))
        candidates: list[list[str]] = []
        for toks in (full, _strip_possessive(full)):
            if toks and toks not in candidates:
                candidates.append(toks)
            if len(toks) >= 2 and toks[0].casefold() == "the":
                candidates.append(toks[1:])
        if not candidates:
            return None
        for toks in candidates:
            hit = self._cased.get(tuple(toks))
            if hit is not None:
                return hit
        for toks in candidates:             # acronyms are not in this index: "who" is not WHO
            hit = self._folded.get(_fold(toks))
            if hit is not None:
                return hit
        return None

    # ---- find_in_text
    def find_in_text(self, text: str) -> list[tuple[int, int, ReferenceEntry]]:
        """Every occurrence of a term or alias: (start, end, entry), in text order.

        Leftmost-longest and non-overlapping, on token (word) boundaries.  The span covers the name
        as written: a capitalised "The" is included when the entry's term begins with "The" ("The New
        York Times", "The Economist"); otherwise, and for a lowercase "the", it is left out ("The
        White House said" gives "White House", "the Economist" gives "Economist").
        """
        found: list[tuple[int, int, ReferenceEntry]] = []
        if not text:
            return found
        matches = list(_TOKEN.finditer(text.translate(_CHAR_MAP)))   # translate keeps offsets
        plain = [_plain(m.group()) for m in matches]
        folded = [t.casefold() for t in plain]
        patterns = self._patterns
        n = len(matches)
        i = 0
        while i < n:
            plist = patterns.get(folded[i])
            if plist is None:
                i += 1
                continue
            for p in plist:
                size = len(p.folded)
                if i + size > n or tuple(folded[i:i + size]) != p.folded:
                    continue
                if not _case_ok(p, plain, i):
                    continue
                start = i
                if p.tokens[0].casefold() == "the":            # "the Economist", "the Kremlin"
                    if not p.the_in_name or plain[i] == "the":
                        start = i + 1
                elif (p.leading_the and p.the_in_name and i > 0
                      and plain[i - 1] in ("The", "THE")):    # "The New York Times"
                    start = i - 1
                found.append((matches[start].start(), matches[i + size - 1].end(), p.entry))
                i += size
                break
            else:
                i += 1
        return found


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
                          kind=raw["kind"], region=raw["region"], definition=raw["definition"])


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
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["top level must be an object with 'version' and 'entries'"]
    if data.get("version") != FORMAT_VERSION:
        problems.append(f"version must be {FORMAT_VERSION}, got {data.get('version')!r}")
    unknown_top = sorted(set(data) - {"version", "entries"})
    if unknown_top:
        problems.append(f"unknown top-level keys: {', '.join(unknown_top)}")
    entries = data.get("entries")
    if not isinstance(entries, list):
        problems.append("'entries' must be a list")
        return problems

    terms: dict[str, int] = {}
    owner: dict[str, int] = {}                        # exact name -> entry index
    cased: dict[tuple[str, ...], tuple[int, str]] = {}
    folded: dict[tuple[str, ...], tuple[int, str]] = {}
    for index, raw in enumerate(entries):
        where = f"entry {index}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be an object")
            continue
        term = raw.get("term")
        if isinstance(term, str) and term.strip():
            where = f"entry {index} ({term!r})"
        for key in _ENTRY_KEYS:
            if key not in raw:
                problems.append(f"{where}: missing '{key}'")
        extra = sorted(set(raw) - set(_ENTRY_KEYS))
        if extra:
            problems.append(f"{where}: unknown keys: {', '.join(extra)}")
        for key in ("term", "kind", "region", "definition"):
            if key in raw and not isinstance(raw[key], str):
                problems.append(f"{where}: '{key}' must be a string")
        if isinstance(term, str) and not term.strip():
            problems.append(f"{where}: empty term")
        definition = raw.get("definition")
        if isinstance(definition, str):
            if not definition.strip():
                problems.append(f"{where}: empty definition")
            elif len(definition) > MAX_DEFINITION_CHARS:
                problems.append(f"{where}: definition longer than {MAX_DEFINITION_CHARS} characters")
        kind = raw.get("kind")
        if isinstance(kind, str) and kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        region = raw.get("region")
        if isinstance(region, str) and region not in NAMED_REGIONS and not _ISO_CODE.fullmatch(region):
            problems.append(f"{where}: unknown region {region!r}")
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}: 'aliases' must be a list of strings")
            aliases = []
        for alias in aliases:
            if not alias.strip():
                problems.append(f"{where}: empty alias")

        names = [n for n in ([term] if isinstance(term, str) and term.strip() else [])
                 + [a for a in aliases if a.strip()]]
        seen_here: set[str] = set()
        for name in names:
            if name in seen_here:
                problems.append(f"{where}: {name!r} listed twice")
            seen_here.add(name)
        if isinstance(term, str) and term.strip():
            if term in terms:
                problems.append(f"{where}: duplicate term {term!r} (also entry {terms[term]})")
            terms.setdefault(term, index)

        for name in dict.fromkeys(names):
            other = owner.get(name)
            if other is not None and other != index:
                if name == entries[other].get("term"):
                    problems.append(f"{where}: alias {name!r} is the term of entry {other}")
                elif name == term:
                    problems.append(f"{where}: term {term!r} is an alias of entry {other}")
                else:
                    problems.append(f"{where}: duplicate alias {name!r} (also entry {other})")
                continue
            owner.setdefault(name, index)
            toks = _name_key(name)
            if not toks:
                problems.append(f"{where}: name {name!r} has no words")
                continue
            prior = cased.get(tuple(toks))
            if prior is not None and prior[0] != index:
                problems.append(f"{where}: {name!r} normalises like {prior[1]!r} "
                                f"of entry {prior[0]}")
                continue
            cased.setdefault(tuple(toks), (index, name))
            if not is_acronym(name):
                prior = folded.get(_fold(toks))
                if prior is not None and prior[0] != index:
                    problems.append(f"{where}: {name!r} matches {prior[1]!r} of entry "
                                    f"{prior[0]} case-insensitively")
                    continue
                folded.setdefault(_fold(toks), (index, name))
    return problems
