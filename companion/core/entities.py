"""Who is who: document-level resolution on top of spaCy's mentions.

spaCy labels each mention on its own and often disagrees with itself ("Carney" a place ten times,
"Trump" an organization). Here the whole article is the evidence:
- a full name seen as a person makes its surname a person everywhere ("Carney" → "Mark Carney");
- titles, a leading "the" and possessives are not part of a name;
- a shared surname never merges two full names; a bare surname goes to the nearest full name;
- names the model missed are found again by their aliases; an acronym and its long form are one.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from companion.core.analysis import Entity, GlossaryEntry, Mention
from companion.core.names import (HONORIFICS, TITLE_OF, all_caps_lines, is_title_word, name_tokens,
                                  strip_titles, trim_span)
from companion.core.nlp import RawMention
from companion.core.roles import find_role

SHOWN_LABELS = ("PERSON", "ORG")
# Labels spaCy gives to names it misreads; they are candidates, shown only if the evidence agrees.
CANDIDATE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# "the Trump administration" names a government, not a person.
INSTITUTION_NOUNS = frozenset("""administration government campaign presidency cabinet regime
era team camp family foundation organization organisation white""".split())
# Long forms with these heads are agreements or laws, not organizations (CUSMA, NAFTA, GDPR).
NON_ORG_HEADS = frozenset("""agreement act treaty accord accords convention protocol pact charter
regulation directive bill law plan program programme initiative index""".split())
NON_ORG_KINDS = frozenset({"agreement", "place", "law"})
# Acronyms of things, not organizations, that the model often calls ORG.
COMMON_ACRONYMS = frozenset("""AI CEO CFO COO CTO GDP TV PR IT HR IPO EV EVS VAT DNA RNA PM MP MPS
AM FM OK USB GPS PhD MBA LGBTQ COVID NFT CPI IQ ID DIY FAQ VIP""".split())
# Head nouns of things named after people ("James Webb Space Telescope", "Perkin Medal").
THING_HEADS = frozenset("""telescope medal prize award trophy cup street avenue road bridge airport
stadium arena park square hall building tower school hospital museum library station lecture
fellowship scholarship act bill doctrine river lake mountain island islands county valley beach
railroad railway line palace castle church cathedral temple mosque hotel theatre theater""".split())
# Head nouns of organization names: an acronym whose long form ends in one is an organization.
ORG_HEADS = frozenset("""agency administration association authority bank board bureau centre center
coalition commission committee company corporation council court department federation force forces
foundation fund group institute institution laboratory league ministry network office organisation
organization parliament party police reserve service services society union university alliance
assembly chamber club command congress corps forum guard inc ltd news press senate tribunal""".split())
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le",
                            "bin", "al", "ibn", "du", "dos", "das", "y", "ter", "St."})


@dataclass
class _Candidate:
    start: int
    end: int
    label: str          # spaCy's label for the span it came from
    titled: bool        # a person's title or honorific stood before it
    caps_line: bool     # it sits in an ALL-CAPS line (headline)


def resolve_entities(text: str, raw: list[RawMention], glossary: list[GlossaryEntry] | None = None
                     ) -> tuple[list[Mention], list[Entity]]:
    """Resolved PERSON/ORG mentions (sorted, non-overlapping) and the entities they belong to."""
    mentions = resolve_mentions(text, raw, glossary)
    return mentions, group_entities(text, mentions)


def resolve_mentions(text: str, raw: list[RawMention], glossary: list[GlossaryEntry] | None = None
                     ) -> list[Mention]:
    """Resolved PERSON/ORG mentions, sorted and non-overlapping, each with its canonical name."""
    glossary = glossary or []
    caps_lines = all_caps_lines(text)
    cands = _candidates(text, raw, caps_lines)
    people = _PersonIndex.build(text, cands)
    chosen: list[tuple[int, int, str, str]] = []  # (start, end, label, canonical)
    leftovers: list[_Candidate] = []
    org_words = _first_words_of_org_names(text, cands)
    for c in cands:
        name = text[c.start:c.end]
        if " " not in name and _names_an_institution(text, c.start, c.end):
            continue  # a person's name used for a government ("the Trump administration")
        # "Dell" after "Dell Technologies": the model's own reading decides, mention by mention.
        canonical = None if (name in org_words and c.label == "ORG" and not c.titled) \
            else people.resolve(name, c, text)
        if canonical:
            chosen.append((c.start, c.end, "PERSON", canonical))
        elif not c.caps_line or (" " not in name and c.label == "ORG"):
            # In headlines the model runs words together ("Carney Meets Trump"): there only its
            # one-word organizations are kept; known names are found again below.
            leftovers.append(c)
    single_people, leftovers = _vote_single_names(text, leftovers)
    chosen += single_people
    chosen += _organizations(text, leftovers, glossary)
    chosen += _missed_mentions(text, chosen, people, caps_lines)
    return _without_overlaps(text, chosen)


# -- candidates ------------------------------------------------------------------------------------

def _in_ranges(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _candidates(text: str, raw: list[RawMention], caps: list[tuple[int, int]]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for r in raw:
        if r.label not in CANDIDATE_LABELS:
            continue
        # "Trump’s National Economic Council" is two names: split at an inner possessive.
        pieces, s = [], r.start
        for m in re.finditer(r"['’]s\s+", text[r.start:r.end]):
            pieces.append((s, r.start + m.start() + 2))
            s = r.start + m.end()
        pieces.append((s, r.end))
        for start, end in pieces:
            start, end = trim_span(text, start, end)
            titled = _title_before(text, start) or _person_after(text, end)
            # Titles open many organization names ("General Motors"); honorifics never do.
            if r.label != "ORG" or text[start:end].split()[0].lower() in HONORIFICS:
                stripped = strip_titles(text, start, end)
                titled = titled or stripped != (start, end)
                start, end = stripped
            if end > start and any(ch.isupper() for ch in text[start:end]):
                out.append(_Candidate(start, end, r.label, titled, _in_ranges(caps, start)))
    return out


def _person_after(text: str, end: int) -> bool:
    """"Dallas Reed, who …" or "Georgia Banks, the owner of …": what follows says a person."""
    m = _PERSON_APPOSITION.match(text, end)
    return bool(m) and (m.group(1) is not None or is_title_word(m.group(2)))


_PERSON_APPOSITION = re.compile(r",\s+(?:(who|whose)\b|(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:of|at|for)\b)")


def _title_before(text: str, start: int) -> bool:
    words = text[max(0, start - 40):start].split()
    return bool(words) and is_title_word(words[-1])


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _is_full_name(name: str) -> bool:
    tokens = name_tokens(name)
    if len(tokens) < 2 or len(tokens) > 5 or tokens[-1].lower() in ORG_HEADS | THING_HEADS:
        return False
    return all(t[:1].isupper() or t in NAME_PARTICLES for t in tokens) and tokens[-1][:1].isupper()


# -- people ------------------------------------------------------------------------------------------

class _PersonIndex:
    """Full names of people in the article and the short names that point to them."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}                 # folded full name → canonical full name
        self.by_short: dict[str, set[str]] = defaultdict(set)  # folded surname/first name → canonicals
        self.first_names: set[str] = set()
        self.positions: dict[str, list[int]] = defaultdict(list)  # canonical → starts of full mentions

    @classmethod
    def build(cls, text: str, cands: list[_Candidate]) -> "_PersonIndex":
        index = cls()
        # Headlines in capitals are read only through names seen in running text.
        full = [c for c in cands if not c.caps_line and _is_full_name(text[c.start:c.end])
                and (c.label == "PERSON" or (c.titled and c.label != "ORG"))]
        # Longest first, so "Donald J. Trump" absorbs "Donald Trump" whatever the order of appearance.
        names = sorted({text[c.start:c.end] for c in full}, key=lambda n: (-len(name_tokens(n)), n))
        for name in names:
            tokens = name_tokens(name)
            same = next((canon for canon in index.canonical.values()
                         if _same_person(tokens, name_tokens(canon))), None)
            index.canonical[_fold(name)] = same or name
        for c in sorted(full, key=lambda c: c.start):
            index.positions[index.canonical[_fold(text[c.start:c.end])]].append(c.start)
        for canon in set(index.canonical.values()):
            tokens = name_tokens(canon)
            index.by_short[_fold(tokens[-1])].add(canon)
            index.by_short[_fold(tokens[0])].add(canon)
            index.first_names.add(_fold(tokens[0]))
        return index

    def resolve(self, name: str, c: _Candidate, text: str) -> str | None:
        """The full name of the person `name` refers to here, or None."""
        key = _fold(name)
        if key in self.canonical:
            return self.canonical[key]
        owners = self.by_short.get(key)
        if not owners:
            return None
        if key in self.first_names and key not in {_fold(name_tokens(o)[-1]) for o in owners} \
                and c.label != "PERSON" and not self.shares_surname(owners):
            # A first name alone is a person when spaCy says so, or when its owner shares a
            # surname with another person in the article (then writers use first names).
            return None
        return self.nearest(owners, c.start)

    def shares_surname(self, owners: set[str]) -> bool:
        return any(len(self.by_short[_fold(name_tokens(o)[-1])]) > 1 for o in owners)

    def nearest(self, owners: set[str], pos: int) -> str:
        """Among people sharing a short name, the one whose full name was seen last before `pos`."""
        if len(owners) == 1:
            return next(iter(owners))
        def distance(canon: str) -> tuple[int, int, str]:
            starts = self.positions[canon]  # sorted
            i = bisect.bisect_right(starts, pos)
            if i:
                return (0, pos - starts[i - 1], canon)
            return (1, (starts[0] if starts else 10**12) - pos, canon)
        return min(owners, key=distance)

    def short_names(self) -> dict[str, set[str]]:
        """Surnames, and first names of people who share a surname, to search the text for."""
        return {k: v for k, v in self.by_short.items()
                if any(_fold(name_tokens(o)[-1]) == k for o in v)
                or (len(v) == 1 and self.shares_surname(v))}


def _same_person(a: list[str], b: list[str]) -> bool:
    """"Donald Trump" and "Donald J. Trump" are one person; "Melania Trump" is another."""
    return a[0] == b[0] and a[-1] == b[-1] and all(t in b for t in a)


def _names_an_institution(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start].lower()
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 30])
    return before.endswith(("the ", "a ")) and bool(after) and after.group(1).lower() in INSTITUTION_NOUNS


def _vote_single_names(text: str, leftovers: list[_Candidate]
                       ) -> tuple[list[tuple[int, int, str, str]], list[_Candidate]]:
    """Names that are not aliases of a full name: one label per name, by the article's votes.

    Returns the person mentions and the candidates left for the other rules.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in leftovers:
        key = _fold(text[c.start:c.end])
        votes[key][c.label] += 1
        votes[key]["PERSON"] += 2 if c.titled else 0
    people, rest = [], []
    for c in leftovers:
        name = text[c.start:c.end]
        v = votes[_fold(name)]
        head = name.split()[-1].lower()
        if head in ORG_HEADS and " " in name and c.label in ("PERSON", "ORG"):
            rest.append(replace(c, label="ORG"))  # "Rutgers University", "Reform Party"
        elif head in THING_HEADS and " " in name and c.label != "ORG":
            continue  # "Cal Anderson Park", "James Webb Space Telescope": named after, not a person
        elif v["PERSON"] and v["PERSON"] * 1.5 >= v["ORG"]:
            people.append((c.start, c.end, "PERSON", name))
        else:
            rest.append(c)
    return people, rest


# -- organizations ---------------------------------------------------------------------------------

def _organizations(text: str, leftovers: list[_Candidate], glossary: list[GlossaryEntry]
                   ) -> list[tuple[int, int, str, str]]:
    not_org = {_fold(g.term) for g in glossary if _is_non_org(g)}
    not_org |= {_fold(g.expansion) for g in glossary if g.expansion and _is_non_org(g)}
    long_form = {g.term: _strip_the(g.expansion) for g in glossary
                 if g.source == "article" and g.expansion and not _is_non_org(g)}
    out = []
    for c in leftovers:
        if c.label != "ORG":
            continue
        name = text[c.start:c.end]
        if _fold(name) in not_org or _part_of_title(text, c.start) or name in COMMON_ACRONYMS:
            continue
        out.append((c.start, c.end, "ORG", long_form.get(name, name)))
    # An acronym defined in the text whose long form names an organization is one, wherever it
    # stands, even where the model missed it.
    for g in glossary:
        if g.source == "article" and g.expansion and _is_org_name(g.expansion) and not _is_non_org(g):
            out += [(s, e, "ORG", _strip_the(g.expansion)) for s, e in g.mentions]
    return out


def _first_words_of_org_names(text: str, cands: list[_Candidate]) -> set[str]:
    """"Dell" of "Dell Technologies": a bare "Dell" may be the company as well as the founder."""
    return {text[c.start:c.end].split()[0] for c in cands
            if c.label == "ORG" and not c.caps_line and " " in text[c.start:c.end]}


def _is_org_name(name: str) -> bool:
    """"Bank of Canada", "Agency for International Development", "Future Borders Coalition"."""
    words = [w.lower().strip(".,") for w in name.split()]
    heads = {words[-1]} | {words[i - 1] for i, w in enumerate(words) if w in ("of", "for", "on") and i}
    return bool(heads & ORG_HEADS)


def _is_non_org(g: GlossaryEntry) -> bool:
    if g.kind in NON_ORG_KINDS:
        return True
    head = (g.expansion or "").split()[-1:] or [""]
    return head[0].lower().strip(".,") in NON_ORG_HEADS


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name.strip())


def _part_of_title(text: str, start: int) -> bool:
    """"Secretary of State Marco Rubio": "State" is part of a title, not an organization."""
    words = text[max(0, start - 30):start].split()
    return len(words) >= 2 and words[-1] == "of" and words[-2].lower() in TITLE_OF


# -- mentions the model missed ---------------------------------------------------------------------

def _missed_mentions(text: str, chosen: list[tuple[int, int, str, str]], people: _PersonIndex,
                     caps: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    taken = sorted((s, e) for s, e, _, _ in chosen)
    patterns: dict[str, tuple[str, object]] = {}
    for canon in people.canonical.values():
        patterns[canon] = ("PERSON", canon)
    for short, owners in people.short_names().items():
        name = next(t for t in name_tokens(min(owners)) if _fold(t) == short)
        patterns.setdefault(name, ("PERSON", owners))
    for s, e, label, canon in chosen:
        if label == "ORG" and (e - s >= 3 or text[s:e].isupper()):
            patterns.setdefault(text[s:e], ("ORG", canon))
    if not patterns:
        return []
    alternation = "|".join(re.escape(p) for p in sorted(patterns, key=len, reverse=True))
    body = rf"(?<![\w'’-])(?:{alternation})(?![\w-])"
    folded: dict[str, tuple[str, object]] = {}
    for name, target in patterns.items():
        folded.setdefault(name.casefold(), target)
    # Running text is searched as written; headlines in capitals, only within their lines.
    matches = [(m, False) for m in re.finditer(body, text) if not _in_ranges(caps, m.start())]
    if caps:
        headline = re.compile(body, re.IGNORECASE)
        matches += [(m, True) for s, e in caps for m in headline.finditer(text, s, e) if m.group().isupper()]
    found = []
    for m, in_caps in matches:
        if _overlaps(taken, m.start(), m.end()):
            continue
        if not in_caps and _inside_longer_name(text, m.start(), m.end()):
            continue  # "United" in "United States" is not "Manchester United"
        label, target = folded[m.group().casefold()] if in_caps else patterns[m.group()]
        if label == "PERSON" and _names_an_institution(text, m.start(), m.end()):
            continue
        canon = people.nearest(target, m.start()) if isinstance(target, set) else target
        found.append((m.start(), m.end(), label, canon))
        bisect.insort(taken, (m.start(), m.end()))
    return found


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when capitalised words run on into the match ("United States", "Trade Dawson Group")."""
    if re.match(r"\s[A-Z][\w’'-]*", text[end:end + 30]):
        return True
    window = text[max(0, start - 40):start]
    before = re.search(r"(^|[\s\S])\s*([A-Z][\w.’'-]*)\s$", window)
    if not before or is_title_word(before.group(2)) or before.group(2)[-1] in ".!?:;,":
        return False
    opens_sentence = before.group(1) in ("", "\n") or before.group(1) in ".!?“\"‘("
    return not opens_sentence


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, i - 1):i + 2])


def _without_overlaps(text: str, chosen: list[tuple[int, int, str, str]]) -> list[Mention]:
    """Sorted mentions; where two overlap the longer wins, a person before an organization."""
    best = sorted(set(chosen), key=lambda t: (-(t[1] - t[0]), t[2] != "PERSON", t[0]))
    kept: list[tuple[int, int]] = []
    out = []
    for start, end, label, canon in best:
        if _overlaps(kept, start, end):
            continue
        bisect.insort(kept, (start, end))
        out.append(Mention(start, end, text[start:end], label, canon))
    return sorted(out, key=lambda m: m.start)


def group_entities(text: str, mentions: list[Mention]) -> list[Entity]:
    """One Entity per (canonical name, label), with its aliases, mentions and role."""
    by_name: dict[tuple[str, str], Entity] = {}
    for m in mentions:
        ent = by_name.setdefault((m.entity, m.label), Entity(m.entity, m.label))
        ent.mentions.append(m)
        if m.text != m.entity and m.text not in ent.aliases:
            ent.aliases.append(m.text)
    for ent in by_name.values():
        ent.role, ent.role_evidence = find_role(text, ent)
    return sorted(by_name.values(), key=lambda e: e.mentions[0].start)
