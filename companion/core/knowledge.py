"""Organizations the app knows without the model: the bundled reference's institutions (and their
aliases) and the teams of the major leagues (assets/sports_teams.json), found in a text.

Precision first: acronyms match only as written (reference.find_in_text keeps case rules); a
team's full name ("Toronto Maple Leafs") or distinctive short name ("Maple Leafs", "Celtics")
matches anywhere; a short name that is also a word or a city ("Heat", "Kings", "Arsenal",
"Liverpool") only in an article about sport. Whether a match becomes a highlight is decided by
who-is-who (entities.py), together with the model's readings.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from companion.core.reference import is_acronym, load_reference
from companion.resources import ASSETS_DIR

log = logging.getLogger(__name__)

TEAMS_FILE = ASSETS_DIR / "sports_teams.json"
# Reference kinds that are organizations (not "agreement", "place").
ORG_KINDS = frozenset({"agency", "news-organization", "company", "international-organization", "ngo",
                       "department", "party", "central-bank", "legislature", "court", "business-group",
                       "executive-office", "university", "ministry", "military"})
# Words of sport: an article with several of them (or a team's full name) is about sport.
SPORT_WORDS = re.compile(r"\b(?:match|matches|season|coach|goal|goals|scored|score|game|games|league|"
                         r"playoffs?|striker|midfielder|defender|goalkeeper|quarterback|touchdown|"
                         r"inning|innings|pitcher|home run|puck|overtime|rebounds|assists|"
                         r"win|won|beat|defeated|draw|fixture|kick-off|derby|tournament|cup|"
                         r"championship|standings|roster|manager|referee|penalty|halftime|half-time)\b",
                         re.IGNORECASE)
SPORT_CONTEXT_MIN = 4


@dataclass(frozen=True)
class KnownName:
    start: int
    end: int
    name: str       # the canonical name ("Toronto Maple Leafs", "European Central Bank")
    source: str     # "reference" or "teams"
    single_word: bool  # one word that is no acronym: weaker evidence ("Apple", "Arsenal")


@dataclass(frozen=True)
class _Teams:
    always: dict[str, tuple["_NamePattern", ...]]   # first word → names safe anywhere
    context: dict[str, tuple["_NamePattern", ...]]  # first word → names that need sport


@lru_cache(maxsize=1)
def _teams() -> _Teams:
    always: dict[str, str] = {}
    context: dict[str, list[str]] = {}
    try:
        data = json.loads(TEAMS_FILE.read_text(encoding="utf-8"))
        for teams in data["leagues"].values():
            for team in teams:
                name = str(team["name"])
                # "… national football team" is a description, not a name; "Arsenal" and
                # "Liverpool" are names of cities too: they go with the names that need sport.
                if "national" not in name and "Olympic" not in name and name not in team.get("context", []):
                    always.setdefault(name, name)
                for short in team.get("short", []):
                    always.setdefault(str(short), name)
                for short in team.get("context", []):
                    context.setdefault(str(short), []).append(name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("the bundled sports teams (%s) are unreadable (%s); teams are not used", TEAMS_FILE, exc)
    # A short name several teams share ("Kings") keeps them all; the article says which (_which).
    shared = {k: "|".join(dict.fromkeys(v)) for k, v in context.items() if k not in always}
    return _Teams(_index_names(always.items(), exact=True), _index_names(shared.items(), exact=True))


def is_about_sport(text: str, teams_found: int = 0) -> bool:
    return teams_found > 0 or len(SPORT_WORDS.findall(text[:20_000])) >= SPORT_CONTEXT_MIN


def find_teams(text: str) -> list[KnownName]:
    """Teams named in the text, non-overlapping, in order."""
    teams = _teams()
    found = [KnownName(st, en, p.term, "teams", len(p.words) == 1 and not p.acronym)
             for st, en, p in _scan(text, teams.always)]
    if teams.context and is_about_sport(text, len(found)):
        taken = [(k.start, k.end) for k in found]
        named = {k.name for k in found}
        for st, en, p in _scan(text, teams.context):
            if not any(s < en and st < e for s, e in taken):
                found.append(KnownName(st, en, _which(tuple(p.term.split("|")), named, text[st:en]), "teams", True))
    return sorted(found, key=lambda k: k.start)


def _which(teams: tuple[str, ...], named: set[str], written: str) -> str:
    """The team a shared short name ("Kings") means: the one the article names in full, if any."""
    if len(teams) == 1:
        return teams[0]
    return next((t for t in teams if t in named), written)


def find_institutions(text: str) -> list[KnownName]:
    """Organizations of the bundled reference named in the text, found by the reference's own
    matcher (acronyms exactly, other names with their capitals; a leading "the" is not part of
    the span unless the name has it). Leftmost-longest, non-overlapping."""
    try:
        reference = load_reference()
    except (OSError, ValueError) as exc:
        log.warning("the bundled reference is unreadable (%s); its institutions are not used", exc)
        return []
    return [KnownName(m.start, m.end, m.entries[0].term, "reference", " " not in m.name and not m.acronym)
            for m in reference.matches(text) if any(e.kind in ORG_KINDS for e in m.entries)]


def _scan(text: str, index: dict[str, tuple["_NamePattern", ...]]) -> list[tuple[int, int, "_NamePattern"]]:
    """(start, end, pattern) of the indexed names in the text, leftmost-longest, non-overlapping.
    Only words that open with a capital or a digit are looked up: a 1 MB text in a fraction of
    a second."""
    out = []
    pos = 0
    for m in _NAME_START.finditer(text):
        if m.start() < pos:
            continue
        head = _WORD.match(m.group())
        for pattern in index.get(head.group().casefold(), ()) if head else ():
            hit = pattern.regex.match(text, m.start())
            if hit and (pattern.acronym or _capitals_agree(pattern.words, hit.group())):
                out.append((hit.start(), hit.end(), pattern))
                pos = hit.end()
                break
    return out


@dataclass(frozen=True)
class _NamePattern:
    term: str
    words: tuple[str, ...]
    acronym: bool
    source: str
    flags: int

    @property
    def regex(self) -> re.Pattern:
        # Compiled when a text first has the name's first word: compiling all ~2,000 names at
        # once cost ~0.5 s before the first highlights of every session.
        return _compiled(self.source, self.flags)


@lru_cache(maxsize=None)
def _compiled(source: str, flags: int) -> re.Pattern:
    return re.compile(source, flags)


_NAME_START = re.compile(r"(?<![\w'’.&-])[^\W_a-zß-ÿ][\w'’.&/-]*")
_WORD = re.compile(r"\w+")


def _capitals_agree(words: tuple[str, ...], written: str) -> bool:
    """Each capitalised word of the name is capitalised in the text ("Bank of Canada", not "bank")."""
    got = written.split()
    return len(got) == len(words) and all(g[:1].isupper() or not w[:1].isupper() for w, g in zip(words, got))


def _index_names(names, exact: bool) -> dict[str, tuple[_NamePattern, ...]]:
    """(written name, canonical) pairs as patterns by their first word, longest first. `exact`:
    the case as written (team names); else acronyms exactly and other words with their capitals."""
    index: dict[str, list[_NamePattern]] = {}
    for name, term in names:
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(str(name).split()))
        head = _WORD.match(name)
        if not name or not head or not name[:1].isalnum() or name[:1].islower():
            continue
        acronym = exact or is_acronym(name)
        body = r"\s+".join(_loose(w) for w in name.split())
        # "CBS-operated" names CBS; "Hydro-Québec" is not "Hydro"
        source = rf"{body}(?!\w)(?!-[^\W\d_a-z])"
        flags = 0 if acronym else re.IGNORECASE
        index.setdefault(head.group().casefold(), []).append(
            _NamePattern(term, tuple(name.split()), acronym, source, flags))
    return {k: tuple(sorted(v, key=lambda p: -len(p.words))) for k, v in index.items()}


def _loose(word: str) -> str:
    """A word of a name as a pattern: straight or curly apostrophes, any dash."""
    out = re.escape(word)
    out = out.replace("'", "['’]").replace("’", "['’]")
    return out.replace(r"\-", "[-‐‑–—]")


def known_organizations(text: str) -> list[KnownName]:
    """Teams and institutions named in the text; where they overlap, the longer one."""
    found = sorted(find_teams(text) + find_institutions(text), key=lambda k: (-(k.end - k.start), k.start))
    kept: list[KnownName] = []
    taken: list[tuple[int, int]] = []  # sorted spans of `kept`
    for k in found:
        i = bisect.bisect_left(taken, (k.start, k.start))
        if any(s < k.end and k.start < e for s, e in taken[max(0, i - 1):i + 1]):
            continue
        bisect.insort(taken, (k.start, k.end))
        kept.append(k)
    return sorted(kept, key=lambda k: k.start)
