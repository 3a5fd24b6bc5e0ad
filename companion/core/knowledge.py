"""Organizations the app knows without the model: the bundled reference's institutions (and their
aliases) and the teams of the major leagues (assets/sports_teams.json), found in a text.

Precision first: acronyms match only as written (reference.find_in_text keeps case rules); a
team's full name ("Toronto Maple Leafs") or distinctive short name ("Maple Leafs", "Celtics")
matches anywhere; a short name that is also a word or a city ("Heat", "Kings", "Arsenal",
"Liverpool") only in an article about sport. Whether a match becomes a highlight is decided by
who-is-who (entities.py), together with the model's readings.
"""

from __future__ import annotations

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
    always: dict[str, str]    # written name → canonical, safe anywhere
    context: dict[str, tuple[str, ...]]  # written name → the teams it may be, only in sport
    always_re: re.Pattern | None
    context_re: re.Pattern | None


def _alternation(names) -> re.Pattern | None:
    if not names:
        return None
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # Every name opens with a capital or a digit: the lookahead skips other places at C speed.
    return re.compile(rf"(?<![\w'’-])(?=[^\W_a-z])(?:{body})(?![\w-])")


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
    shared = {k: tuple(dict.fromkeys(v)) for k, v in context.items() if k not in always}
    return _Teams(always, shared, _alternation(always), _alternation(shared))


def is_about_sport(text: str, teams_found: int = 0) -> bool:
    return teams_found > 0 or len(SPORT_WORDS.findall(text[:20_000])) >= SPORT_CONTEXT_MIN


def find_teams(text: str) -> list[KnownName]:
    """Teams named in the text, non-overlapping, in order."""
    teams = _teams()
    found = [KnownName(m.start(), m.end(), teams.always[m.group()], "teams", " " not in m.group()
                       and not m.group().isupper()) for m in (teams.always_re.finditer(text)
                                                              if teams.always_re else ())]
    if teams.context_re and is_about_sport(text, len(found)):
        taken = [(k.start, k.end) for k in found]
        named = {k.name for k in found}
        for m in teams.context_re.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append(KnownName(m.start(), m.end(), _which(teams.context[m.group()], named, m.group()),
                                       "teams", True))
    return sorted(found, key=lambda k: k.start)


def _which(teams: tuple[str, ...], named: set[str], written: str) -> str:
    """The team a shared short name ("Kings") means: the one the article names in full, if any."""
    if len(teams) == 1:
        return teams[0]
    return next((t for t in teams if t in named), written)


def find_institutions(text: str) -> list[KnownName]:
    """Organizations of the bundled reference named in the text (term or alias, as written)."""
    try:
        reference = load_reference()
    except (OSError, ValueError) as exc:
        log.warning("the bundled reference is unreadable (%s); its institutions are not used", exc)
        return []
    out: list[KnownName] = []
    for start, end, entry in reference.find_in_text(text):
        if entry.kind not in ORG_KINDS:
            continue
        written = text[start:end]
        out.append(KnownName(start, end, entry.term, "reference",
                             " " not in written.strip() and not is_acronym(written)))
    return out


def known_organizations(text: str) -> list[KnownName]:
    """Teams and institutions named in the text; where they overlap, the longer one."""
    found = sorted(find_teams(text) + find_institutions(text), key=lambda k: (-(k.end - k.start), k.start))
    kept: list[KnownName] = []
    for k in found:
        if not any(k.start < o.end and o.start < k.end for o in kept):
            kept.append(k)
    return sorted(kept, key=lambda k: k.start)
