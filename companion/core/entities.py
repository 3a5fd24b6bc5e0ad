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
from dataclasses import replace

from companion.core.analysis import Entity, GlossaryEntry, Mention
from companion.core.evidence import Votes, count_votes, one_kind_lists
from companion.core.knowledge import known_organizations
from companion.core.names import (HONORIFICS, ORG_HEADS, THING_HEADS, all_caps_lines, is_title_word, name_tokens,
                                  strip_titles, title_case_lines, trim_span)
from companion.core.nlp import RawMention
from companion.core.organizations import (first_words_of_org_names, inside_longer_name, is_non_org, is_org_name,
                                         known_missed, organizations, overlaps, short_forms)
from companion.core.people import Candidate, PersonIndex, fold, is_full_name
from companion.core.roles import find_role
from companion.core.spans import CREDENTIALS, byline_people, refine, saint_place

SHOWN_LABELS = ("PERSON", "ORG")
# Labels spaCy gives to names it misreads; they are candidates, shown only if the evidence agrees.
CANDIDATE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT",
                              "LAW"})
# "the Trump administration" names a government, not a person.
INSTITUTION_NOUNS = frozenset("""administration government campaign presidency cabinet regime
era team camp family foundation organization organisation white""".split())
# "Eberhard Faber GmbH", "Dell Technologies Inc.": the name before a company's legal form.
_COMPANY = re.compile(r"(.+?),?\s+(?:GmbH|AG|Inc\.?|Ltd\.?|LLC|Corp\.?|Corporation|plc|PLC|S\.A\.|N\.V\.|"
                      r"Limited|Pty\.? Ltd\.?|Co\.|Company)")
# Possessives inside one name: "Children's Hospital", "People's Bank".
COLLECTIVE_OWNERS = frozenset("men women children people veterans workers farmers teachers nurses "
                              "consumers citizens".split())
# Natural features and waterworks: never an organization ("Lincoln Reservoir", "Salisbury Dock").
NATURAL_HEADS = frozenset("""river lake mountain mountains island islands valley beach pond creek stream
reservoir dock docks wharf pier harbour harbor canal peninsula glacier desert forest rainforest springs
coulee""".split())


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
    titles = title_case_lines(text)
    bylines = byline_people(text)
    cands = _candidates(text, raw + [RawMention(s, e, "PERSON") for s, e in bylines], caps_lines, titles)
    body_names = {fold(text[c.start:c.end]) for c in cands if not (c.caps_line or c.headline)}
    body_names |= {fold(text[s:e]) for s, e in bylines}
    votes = count_votes([(text[c.start:c.end], c.label, c.titled) for c in cands])
    # A full name the article mostly reads as a place ("São Paulo") is no person's name.
    people = PersonIndex.build(text, cands, lambda c: (c.label == "PERSON" or c.titled)
                               and votes[fold(text[c.start:c.end])].says_person)
    known = {(k.start, k.end): k for k in known_organizations(text)}  # teams, institutions
    wide_known = sorted((k for k in known.values() if not k.single_word and " " in text[k.start:k.end]),
                        key=lambda k: k.start)  # non-overlapping, so sorted by start and by end
    wide_starts = [k.start for k in wide_known]
    chosen: list[tuple[int, int, str, str]] = []  # (start, end, label, canonical)
    leftovers: list[Candidate] = []
    org_words = first_words_of_org_names(text, cands)
    company_stems = {m.group(1) for c in cands if c.label == "ORG"
                     for m in [_COMPANY.fullmatch(text[c.start:c.end])] if m}
    org_acronyms = {g.term for g in glossary if g.source == "article" and g.expansion
                    and is_org_name(g.expansion) and not is_non_org(g)}
    lower_words = set(re.findall(r"(?<![\w-])[a-z][a-z'’-]+", text))  # the article's common words
    for c in cands:
        name = text[c.start:c.end]
        if " " not in name and _names_an_institution(text, c.start, c.end):
            continue  # a person's name used for a government ("the Trump administration")
        # "Dell" after "Dell Technologies": the model's own reading decides, mention by mention.
        canonical = None if (name in org_words and c.label == "ORG" and not c.titled) \
            else people.resolve(name, c, text)
        k = known.get((c.start, c.end))
        inside = _around(wide_known, wide_starts, c.start, c.end)
        if inside and (inside.start, inside.end) != (c.start, c.end):
            continue  # "Louis Cardinals" of "St. Louis Cardinals": the known name is found below
        if (name in org_acronyms or name in company_stems) and not c.titled:
            # "Screen Actors Guild (SAG)": SAG is no person; "Eberhard Faber" of "Eberhard Faber GmbH"
            leftovers.append(replace(c, label="ORG"))
        elif k and not c.titled and not (canonical and k.single_word):
            # A known body is one whatever the model says ("Twitter" PERSON); but "Tesla" after
            # "Nikola Tesla" stays his surname.
            leftovers.append(replace(c, label="ORG"))
        elif canonical:
            chosen.append((c.start, c.end, "PERSON", canonical))
        elif c.headline and not _headline_name(text, c, body_names, titles, people):
            continue  # "Elon Musk Settles SEC Fraud Charges": words of a headline, run together
        elif " " not in name and not name.isupper() and not c.titled and name.lower() in lower_words:
            continue  # "Laboratory", "Studio": a word the article also writes in lower case
        elif not c.caps_line or (" " not in name and c.label == "ORG"):
            # In headlines the model runs words together ("Carney Meets Trump"): there only its
            # one-word organizations are kept; known names are found again below.
            leftovers.append(c)
    # Aliases of people are settled above; the rest vote among themselves ("Dell" the company).
    left_votes = count_votes([(text[c.start:c.end], c.label, c.titled) for c in leftovers])
    single_people, leftovers = _vote_single_names(text, leftovers, left_votes)
    chosen += single_people
    # "Hereditary Angioedema (HAE)": an acronym the article defines as no organization is none.
    not_org = {g.term for g in glossary if g.source == "article" and g.expansion
               and not is_org_name(g.expansion) and not votes[fold(g.expansion)].says_org}
    leftovers = [c for c in leftovers if text[c.start:c.end] not in not_org]
    chosen += organizations(text, leftovers, glossary, known)
    chosen += known_missed(text, chosen, known.values(), people)
    chosen += short_forms(text, chosen)
    chosen += _missed_mentions(text, chosen, people, caps_lines, titles)
    # Items of one list are of one kind; full names of people and known bodies stay as they are.
    people_names = set(people.canonical.values())
    chosen = one_kind_lists(text, chosen, set(known) | {(s, e) for s, e, label, canon in chosen
                                                         if label == "PERSON" and canon in people_names})
    return _withoutoverlaps(text, chosen)


# -- candidates ------------------------------------------------------------------------------------

def _in_ranges(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _around(spans: list, starts: list[int], start: int, end: int):
    """The span of `spans` (sorted, non-overlapping) that contains start..end, or None."""
    i = bisect.bisect_right(starts, start) - 1
    return spans[i] if i >= 0 and spans[i].end >= end else None


def _headline_name(text: str, c: Candidate, body_names: set[str], titles: list[tuple[int, int]],
                   people: PersonIndex) -> bool:
    """A name in a Title-Case headline stands when the article names it outside its headlines,
    when it is the whole line (a list of names, one a line), when it is an acronym, or when it
    is a person's full name whose surname the article uses ("Jim Burns … to Leave SEC")."""
    name = text[c.start:c.end]
    line = next((text[s:e].strip() for s, e in titles if s <= c.start < e), "")
    if c.label == "PERSON" and is_full_name(name) and len(name.split()) <= 3 \
            and (c.titled or fold(name.split()[-1]) in people.by_short):
        return True  # "Statement from Peter Marks, M.D., Director, …"
    return fold(name) in body_names or name == line or (name.isupper() and " " not in name)


def _candidates(text: str, raw: list[RawMention], caps: list[tuple[int, int]],
                titles: list[tuple[int, int]] = ()) -> list[Candidate]:
    out: list[Candidate] = []
    for r0 in raw:
        if r0.label not in CANDIDATE_LABELS:
            continue
        for r in (RawMention(*x) for x in refine(text, r0.start, r0.end, r0.label)):
            out += _pieces(text, r, caps, titles)
    return out


def _pieces(text: str, r: RawMention, caps: list[tuple[int, int]], titles) -> list[Candidate]:
    """The candidates of one model mention, trimmed, without titles, cut where names end."""
    out = []
    if r.label not in CANDIDATE_LABELS:
        return out
    # "Trump’s National Economic Council" is two names: split at an inner possessive.
    # A name never runs across a line end ("…Reserve System\nDepartment of …", a list).
    pieces, s = [], r.start
    for m in re.finditer(r"['’]s\s+|\s*\n\s*", text[r.start:r.end]):
        owner = re.search(r"(\S+)$", text[r.start:r.start + m.start()])
        if m.group()[0] in "'’" and owner and (is_title_word(owner.group(1))
                                               or owner.group(1).lower() in COLLECTIVE_OWNERS):
            continue  # "U.S. Attorney's Office", "Women's Institute": one name
        pieces.append((s, r.start + m.start() + (2 if m.group()[0] in "'’" else 0)))
        s = r.start + m.end()
    pieces.append((s, r.end))
    for start, end in pieces:
        start, end = trim_span(text, start, end)
        titled = _title_before(text, start) or _person_after(text, end)
        # Titles open many organization names ("General Motors"); honorifics never do.
        if (r.label != "ORG" or text[start:end].split()[0].lower() in HONORIFICS) \
                and not saint_place(text[start:end]):  # "St. Louis Eagles" keeps its saint
            stripped = strip_titles(text, start, end)
            titled = titled or stripped != (start, end)
            start, end = stripped
        if end > start and any(ch.isupper() for ch in text[start:end]):
            out.append(Candidate(start, end, r.label, titled, _in_ranges(caps, start),
                                 _in_ranges(titles, start)))
    return out


def _person_after(text: str, end: int) -> bool:
    """"Dallas Reed, who …", "Georgia Banks, the owner of …", "Jane Smith, MD": what follows
    says a person."""
    if CREDENTIALS.match(text, end):
        return True
    m = _PERSON_APPOSITION.match(text, end)
    return bool(m) and (m.group(1) is not None or is_title_word(m.group(2)))


_PERSON_APPOSITION = re.compile(r",\s+(?:(who|whose)\b|(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:of|at|for)\b)")


def _title_before(text: str, start: int) -> bool:
    words = text[max(0, start - 40):start].split()
    return bool(words) and is_title_word(words[-1])


def _names_an_institution(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start].lower()
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 30])
    return before.endswith(("the ", "a ")) and bool(after) and after.group(1).lower() in INSTITUTION_NOUNS


def _vote_single_names(text: str, leftovers: list[Candidate], votes: dict[str, Votes]
                       ) -> tuple[list[tuple[int, int, str, str]], list[Candidate]]:
    """Names that are not aliases of a full name: one label per name, by the article's votes
    (every label the model gave, and what the bundled places know); split evidence, no label.

    Returns the person mentions and the organization candidates left for the other rules.
    """
    people, rest = [], []
    for c in leftovers:
        name = text[c.start:c.end]
        v = votes[fold(name)]
        head = name.split()[-1].lower()
        if head in ORG_HEADS and " " in name and c.label in ("PERSON", "ORG"):
            rest.append(replace(c, label="ORG"))  # "Rutgers University", "Reform Party"
        elif head in THING_HEADS and " " in name and (c.label != "ORG" or head in NATURAL_HEADS):
            continue  # "Cal Anderson Park", "James Webb Space Telescope", "Lincoln Reservoir"
        elif v.says_person:
            people.append((c.start, c.end, "PERSON", name))
        elif c.label == "ORG" and v.says_org:
            rest.append(c)
    return people, rest


# -- mentions the model missed ---------------------------------------------------------------------

def _missed_mentions(text: str, chosen: list[tuple[int, int, str, str]], people: PersonIndex,
                     caps: list[tuple[int, int]], titles: list[tuple[int, int]] = ()
                     ) -> list[tuple[int, int, str, str]]:
    taken = sorted((s, e) for s, e, _, _ in chosen)
    patterns: dict[str, tuple[str, object]] = {}
    for canon in people.canonical.values():
        patterns[canon] = ("PERSON", canon)
    for short, owners in people.short_names().items():
        name = next(t for t in name_tokens(min(owners)) if fold(t) == short)
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
        if overlaps(taken, m.start(), m.end()):
            continue
        # In a Title-Case headline every word is capitalised: a known name stands on its own there.
        if not in_caps and not _in_ranges(titles, m.start()) \
                and inside_longer_name(text, m.start(), m.end()):
            continue  # "United" in "United States" is not "Manchester United"
        label, target = folded[m.group().casefold()] if in_caps else patterns[m.group()]
        if label == "PERSON" and _names_an_institution(text, m.start(), m.end()):
            continue
        canon = people.nearest(target, m.start()) if isinstance(target, set) else target
        found.append((m.start(), m.end(), label, canon))
        bisect.insort(taken, (m.start(), m.end()))
    return found


def _withoutoverlaps(text: str, chosen: list[tuple[int, int, str, str]]) -> list[Mention]:
    """Sorted mentions; where two overlap the longer wins, a person before an organization."""
    best = sorted(set(chosen), key=lambda t: (-(t[1] - t[0]), t[2] != "PERSON", t[0]))
    kept: list[tuple[int, int]] = []
    out = []
    for start, end, label, canon in best:
        if overlaps(kept, start, end):
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
