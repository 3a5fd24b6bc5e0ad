"""Checking a reference glossary document (assets/reference_glossary.json) before it is used.

Names, kinds, regions and the dating of each entry (see companion.core.reference for the format).
"""

from __future__ import annotations

from typing import Any

from companion.core.reference import (
    _AS_OF, _DATING_KEYS, _ENTRY_KEYS, _ISO_CODE, _URL, FORMAT_VERSION, KINDS,
    MAX_DEFINITION_CHARS, NAMED_REGIONS, STATUSES,
)
from companion.core.reference_tokens import _fold, _name_key, is_acronym


def problems_of(data: Any) -> list[str]:
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
    owner: dict[tuple[str, Any], int] = {}            # (exact name, region) -> entry index
    cased: dict[tuple[tuple[str, ...], Any], tuple[int, str]] = {}
    folded: dict[tuple[tuple[str, ...], Any], tuple[int, str]] = {}
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
        extra = sorted(set(raw) - set(_ENTRY_KEYS) - set(_DATING_KEYS))
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
        problems += [f"{where}: {p}" for p in _dating_problems(raw)]
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

        region = region if isinstance(region, str) else None
        for name in dict.fromkeys(names):
            # A name may be shared by entries of different regions, never within one region.
            other = owner.get((name, region))
            if other is not None and other != index:
                problems.append(f"{where}: {name!r} is also a name of entry {other} "
                                f"in the same region")
                continue
            owner.setdefault((name, region), index)
            toks = _name_key(name)
            if not toks:
                problems.append(f"{where}: name {name!r} has no words")
                continue
            prior = _claim(cased, (tuple(toks), region), index, name)
            if prior is not None:
                problems.append(f"{where}: {name!r} normalises like {prior[1]!r} "
                                f"of entry {prior[0]} in the same region")
                continue
            if not is_acronym(name):
                prior = _claim(folded, (_fold(toks), region), index, name)
                if prior is not None:
                    problems.append(f"{where}: {name!r} matches {prior[1]!r} of entry "
                                    f"{prior[0]} case-insensitively, in the same region")
    return problems


def _claim(seen: dict, key: Any, index: int, name: str) -> tuple[int, str] | None:
    """The (entry, name) of another entry that already holds `key`; else `key` is this entry's."""
    prior = seen.get(key)
    if prior is not None and prior[0] != index:
        return prior
    seen.setdefault(key, (index, name))
    return None


def _dating_problems(raw: dict[str, Any]) -> list[str]:
    """What is wrong with an entry's as_of, status, ended, renamed_to and source (when given)."""
    problems = []
    as_of, status = raw.get("as_of"), raw.get("status", "active")
    if "as_of" in raw and not (isinstance(as_of, str) and _AS_OF.fullmatch(as_of)):
        problems.append(f"'as_of' must be a month \"YYYY-MM\", got {as_of!r}")
    if status not in STATUSES:
        problems.append(f"unknown status {status!r} (one of {', '.join(sorted(STATUSES))})")
    ended = raw.get("ended")
    if ended is not None and not (isinstance(ended, int) and 1800 <= ended <= 2100):
        problems.append(f"'ended' must be a year, got {ended!r}")
    if status in STATUSES - {"active"} and ended is None:
        problems.append(f"a {status} entry needs the year it 'ended'")
    if status == "active" and (ended is not None or raw.get("renamed_to")):
        problems.append("an active entry has no 'ended' or 'renamed_to'")
    renamed_to = raw.get("renamed_to")
    if status == "renamed" and not (isinstance(renamed_to, str) and renamed_to.strip()):
        problems.append("a renamed entry needs its new name in 'renamed_to'")
    if "source" in raw and not (isinstance(raw["source"], str) and _URL.fullmatch(raw["source"])):
        problems.append(f"'source' must be an https URL, got {raw['source']!r}")
    return problems
