"""The glossary of an article: acronyms it defines, and institutions the bundled reference knows.

The reader's own entries (source "user") come first and replace any other; then definitions
found in the article (source "article"); then the bundled reference adds definitions and the
institutions the article names without defining (source "reference").

Precision before coverage: a reference definition is given only with evidence that it is this
body — the article's own long form is one of the entry's names ("long form"); a country before
the name agrees with the entry ("Japan's …", "… of Ireland": "qualified"); the article's region
agrees with the entry's ("region"); or the name means one body worldwide ("unambiguous").  When
several bodies fit equally, the entry lists them as ``candidates`` and gives no definition.
One-word names that are also ordinary words ("Apple", "Fed", "Shell") need the model's ORG label,
another name of the same body in the article, or a place that is not a sentence start; never a
person's name ("Michael Bloomberg"); acronyms in ALL-CAPS lines need the body named elsewhere;
photo credits ("(Photo: AFP)") are not read.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Sequence

from companion.core.acronyms import find_acronyms
from companion.core.analysis import GlossaryCandidate, GlossaryEntry
from companion.core.glossary_context import (
    RawSpan, TextContext, in_compound_word, inside_person_name, is_common_word_name, is_generic_name,
    part_of_longer_name,
)
from companion.core.reference import Reference, ReferenceEntry, ReferenceMatch, load_reference
from companion.core.region import EU_MEMBERS, REGION_CODES, Region, infer_region, qualifier_country
from companion.core.roles import sentence_at
from companion.errors import UserError

# Kinds whose bodies belong to one country's state: a country or place before the name binds them.
STATE_KINDS = frozenset({"agency", "department", "ministry", "legislature", "court", "party",
                         "executive-office", "military", "central-bank", "law", "program"})
_NOT_ORG_LABELS = frozenset({"PERSON", "LOC", "NORP"})


@dataclass(frozen=True)
class UserEntry:
    """A glossary entry the reader wrote (stored by companion.store.user_glossary)."""
    term: str
    definition: str | None = None
    expansion: str | None = None
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.term.strip():
            raise UserError("A glossary entry needs a term.")
        if not (self.definition or self.expansion):
            raise UserError(f"“{self.term}” needs an expansion or a definition.")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term,) + tuple(n for n in (self.expansion, *self.aliases) if n)


def build_glossary(text: str, reference: Reference | None = None,
                   user: Sequence[UserEntry] = (), *, mentions: Sequence[RawSpan] = (),
                   region: Region | None = None) -> list[GlossaryEntry]:
    """Glossary entries in order of first mention, each with every mention in the text.

    `user` holds the reader's own entries: they replace what the article or the reference say.
    `mentions` are the model's (start, end, label) mentions, the evidence for one-word names;
    `region` the article's region (inferred from the text when not given).
    """
    return glossary_and_region(text, reference, user, mentions=mentions, region=region)[0]


def glossary_and_region(text: str, reference: Reference | None = None,
                        user: Sequence[UserEntry] = (), *, mentions: Sequence[RawSpan] = (),
                        region: Region | None = None) -> tuple[list[GlossaryEntry], Region]:
    """The glossary and the article's region, inferred once (see build_glossary)."""
    reference = reference if reference is not None else load_reference()
    ctx = TextContext.of(text, mentions)
    matches = [m for m in reference.matches(text) if not ctx.in_credit(m.start)]
    if region is None:
        people = [(s, e) for s, e, label in ctx.labels if label == "PERSON"]
        region = infer_region(text, skip=people, extra=_national_cues(matches))
    entries = _user_entries(text, user)
    mine = {n.casefold() for e in entries for n in (e.term, e.expansion) if n}
    covered: set[str] = set()             # reference bodies the article itself defines
    taken: set[str] = set()               # short and long forms the article defines
    for pair in find_acronyms(text):
        long = " ".join(pair.long.split())            # a long form broken across a line
        if pair.short.casefold() in mine or long.casefold() in mine:
            continue
        entry = GlossaryEntry(term=pair.short, expansion=long, definition=None, source="article",
                              evidence=sentence_at(text, pair.short_start))
        chosen, maybe = _bodies_for_long_form(reference, long, region)
        if chosen is not None:
            _attach(entry, chosen, "long form")
            covered.add(chosen.term)
        entry.candidates = [_candidate(e) for e in maybe]
        entry.mentions = _mentions(text, [pair.short, long])
        entries.append(entry)
        taken |= {pair.short.casefold(), long.casefold()}
    spans = _merged(sorted(span for e in entries for span in e.mentions))
    entries += _reference_entries(text, ctx, matches, region, covered, taken | mine, spans)
    return sorted(entries, key=lambda e: e.mentions[0][0] if e.mentions else len(text)), region


# ------------------------------------------------------------------------------ the article's
def _bodies_for_long_form(reference: Reference, long: str, region: Region
                          ) -> tuple[ReferenceEntry | None, list[ReferenceEntry]]:
    """The body the article's own long form names, or the bodies it may name ("could be")."""
    found = list(reference.lookup_all(long))
    if not found:                  # "Canada's Competition Bureau", "U.S. Federal Reserve"
        first, _, rest = long.partition(" ")
        qualifier = qualifier_country(first) if rest else None
        if qualifier and qualifier[0] == "country":
            found = [e for e in reference.lookup_all(rest) if _fits_country(e, qualifier[1])]
    if len(found) <= 1:
        return (found[0] if found else None), []
    return _choose(found, region, set())


# ------------------------------------------------------------------------------ the reference's
def _reference_entries(text: str, ctx: TextContext, matches: list[ReferenceMatch], region: Region,
                       covered: set[str], taken: set[str], spans: list[tuple[int, int]]
                       ) -> list[GlossaryEntry]:
    # A headline's acronym or one-word name counts when the body text names the body too.
    supported = {i: _supported(ctx, m, text[m.start:m.end], set()) for i, m in enumerate(matches)
                 if not ctx.in_caps_line(m.start)}
    plain = [matches[i] for i, ok in supported.items() if ok]
    outside_caps = {e.term for m in plain for e in m.entries}
    # Bodies the article names unmistakably ("Supreme Court of Canada"): a bare "Supreme Court"
    # elsewhere in it is that one.
    named = {m.entries[0].term for m in plain if len(m.entries) == 1 and not _ambiguous(m)}
    found: dict[str, GlossaryEntry] = {}
    for i, m in enumerate(matches):
        written = text[m.start:m.end]
        if (written.casefold() in taken or _overlaps(spans, m.start, m.end)
                or any(e.term in covered for e in m.entries)):
            continue
        ok = supported.get(i)
        if not (ok if ok is not None else _supported(ctx, m, written, outside_caps)):
            continue
        bodies = list(m.entries)
        qualifier = ctx.qualifier(m.start, m.end)
        basis = "unambiguous"
        if qualifier is not None:
            bodies = _qualified(bodies, qualifier, m)
            basis = "qualified"
        if not bodies:
            continue
        if len(bodies) == 1 and (basis == "qualified" or not _ambiguous(m)):
            chosen, maybe = bodies[0], []
        else:
            chosen, maybe = _choose(bodies, region, named)
            basis = "region"
        if chosen is not None:
            entry = found.get(chosen.term)
            if entry is None:
                # Named by an alias ("CBP"): the alias is the term, the full name its expansion.
                alias = written != chosen.term
                entry = found[chosen.term] = GlossaryEntry(
                    term=written if alias else chosen.term, expansion=chosen.term if alias else None,
                    definition=None, source="reference")
                _attach(entry, chosen, basis)
        elif maybe:
            key = "?" + " ".join(written.split()).casefold()
            entry = found.get(key)
            if entry is None:
                entry = found[key] = GlossaryEntry(term=" ".join(written.split()), expansion=None,
                                                   definition=None, source="reference",
                                                   candidates=[_candidate(e) for e in maybe])
        else:
            continue
        entry.mentions.append((m.start, m.end))
    return list(found.values())


def _supported(ctx: TextContext, m: ReferenceMatch, written: str, outside_caps: set[str]) -> bool:
    """Whether the text supports reading this name as the body at all (not a word, not a person)."""
    one_word = " " not in written.strip()
    if ctx.in_caps_line(m.start) and (m.acronym or one_word):
        # "WHO WILL PAY…", "ICE STORM…": only when the body is named outside the headlines too.
        return any(e.term in outside_caps for e in m.entries)
    if one_word and not m.acronym or is_common_word_name(written):
        if in_compound_word(ctx, m.start, m.end):
            return False                   # "Harvard-style", "Meta-analysis"
        if inside_person_name(ctx, m.start, m.end, written):
            return False
        if written in ctx.surnames and not ctx.org_label_on(m.start, m.end):
            return False                   # "Dell" after "Michael Dell": the model must say ORG
    if is_common_word_name(written):
        if part_of_longer_name(ctx, m.start, m.end):
            return False                   # "Social Democrats", "Amazon Web Services"
        if not ctx.org_label_on(m.start, m.end) and ctx.labels_over(m.start, m.end) & _NOT_ORG_LABELS:
            return False
        # At a sentence start the model calls any capitalised word ORG ("Apple orchards…"), so
        # only another mention of the body counts there.
        if ctx.at_sentence_start(m.start) and not _named_otherwise(ctx, m, written):
            return False                   # "Fed up with…", "Shell casings…"
    return True


def _named_otherwise(ctx: TextContext, m: ReferenceMatch, written: str) -> bool:
    """The body is named again in the text: by a longer name ("Shell plc" … "Shell"), or by the
    same word where its capital is not forced by a sentence start."""
    if any(len(name) > len(written) and name in ctx.text for e in m.entries for name in e.names):
        return True
    known = ctx.memo.get(("elsewhere", written))
    if known is None:
        known = ctx.memo[("elsewhere", written)] = any(
            not ctx.at_sentence_start(w.start()) and not ctx.in_caps_line(w.start())
            for w in re.finditer(rf"(?<![\w-]){re.escape(written)}(?![\w-])", ctx.text))
    return known


def _qualified(bodies: list[ReferenceEntry], qualifier: tuple[str, str], m: ReferenceMatch
               ) -> list[ReferenceEntry]:
    """The bodies a country or place before the name allows: "Japan's House of Representatives"
    is not the U.S. House; "Texas Department of Justice" is no national department."""
    kind, code = qualifier
    bound = [e for e in bodies if e.kind in STATE_KINDS or is_generic_name(m.name)]
    if not bound:
        return bodies
    if kind == "country":
        return [e for e in bodies if _fits_country(e, code)
                or (e.kind not in STATE_KINDS and not is_generic_name(m.name))]
    if is_generic_name(m.name):             # a city's or state's own body of that name
        return [e for e in bodies if e.region == "International"]
    return bodies


def _choose(bodies: list[ReferenceEntry], region: Region, named: set[str]
            ) -> tuple[ReferenceEntry | None, list[ReferenceEntry]]:
    """The one body the article's region (or a full name elsewhere) points to; else the
    candidates that fit ("could be"); else nothing."""
    in_full = [e for e in bodies if e.term in named]
    if len(in_full) == 1:
        return in_full[0], []
    fit = [e for e in bodies if region.mentions(e.region)]
    if len(fit) == 1:
        return fit[0], []
    if len(fit) > 1:
        main = [e for e in fit if REGION_CODES.get(e.region, e.region) == region.country]
        return (main[0], []) if len(main) == 1 else (None, fit)
    if not region.known and len(bodies) > 1:
        return None, bodies
    return None, []


def _ambiguous(m: ReferenceMatch) -> bool:
    """A name that may mean another country's body: generic words only, a short acronym, or a
    name shared by several entries."""
    return len(m.entries) > 1 or _ambiguous_name(m.name, m.acronym, m.entries[0].region)


@functools.lru_cache(maxsize=4096)
def _ambiguous_name(name: str, acronym: bool, region: str) -> bool:
    letters = sum(c.isalpha() for c in name)
    return is_generic_name(name) or (acronym and letters <= 3 and region != "International")


def _fits_country(entry: ReferenceEntry, code: str) -> bool:
    if entry.region == "International":
        return True
    if entry.region == "EU":
        return code in EU_MEMBERS or code == "EU"
    return REGION_CODES.get(entry.region, entry.region) == code


def _national_cues(matches: list[ReferenceMatch]) -> list[tuple[str, float, str]]:
    """A national body named unambiguously ("Bundestag", "Bharatiya Janata Party") says where
    the article is."""
    return [(m.entries[0].region, 1.0, m.name) for m in matches
            if len(m.entries) == 1 and not _ambiguous(m) and m.entries[0].kind in STATE_KINDS
            and m.entries[0].region not in ("International", "EU")]


def _attach(entry: GlossaryEntry, body: ReferenceEntry, basis: str) -> None:
    entry.definition, entry.kind, entry.reference_term = body.definition, body.kind, body.term
    entry.region, entry.as_of, entry.status = body.region, body.as_of or None, body.status
    entry.ended, entry.renamed_to, entry.source_url = body.ended, body.renamed_to, body.source or None
    entry.basis = basis


def _candidate(body: ReferenceEntry) -> GlossaryCandidate:
    return GlossaryCandidate(body.term, body.region, body.definition, body.kind, body.as_of,
                             body.status, body.ended)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping `spans`."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


# ------------------------------------------------------------------------------ the reader's
def _user_entries(text: str, user: Sequence[UserEntry]) -> list[GlossaryEntry]:
    if not user:
        return []
    by_term = {e.term: e for e in user}
    mine = Reference(ReferenceEntry(term=e.term, aliases=e.names[1:], kind="user", region="",
                                    definition=e.definition or "") for e in user)
    found: dict[str, GlossaryEntry] = {}
    for start, end, known in mine.find_in_text(text):
        entry = found.get(known.term)
        if entry is None:
            own = by_term[known.term]
            entry = found[known.term] = GlossaryEntry(term=own.term, expansion=own.expansion,
                                                      definition=own.definition, source="user")
        entry.mentions.append((start, end))
    return list(found.values())


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of `names` (case-sensitive, whole words, any whitespace between
    words), longest first where two overlap."""
    found: list[tuple[int, int]] = []
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        # One regex per name, starting with its literal first word: the regex engine then
        # searches for that word at C speed (an alternation with a lookbehind would not).
        pattern = _name_regex(name)
        for m in pattern.finditer(text):
            s, e = m.span()
            if (s and (text[s - 1].isalnum() or text[s - 1] in "_-")) or \
                    (e < len(text) and (text[e].isalnum() or text[e] in "_-")):
                continue
            if not _overlaps(found, s, e):
                bisect.insort(found, (s, e))
    return found


@functools.lru_cache(maxsize=256)
def _name_regex(name: str) -> re.Pattern:
    return re.compile(r"\s+".join(map(re.escape, name.split())))
