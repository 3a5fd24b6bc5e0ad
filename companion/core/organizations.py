"""Organizations in one article: the model's, the known bodies it missed, their short forms.

Helpers of who-is-who (entities.py): which of the model's organization mentions stand, which
known bodies (knowledge.py) and defined acronyms are added, and "the League" after a full name.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from companion.core.analysis import GlossaryEntry
from companion.core.evidence import fold
from companion.core.knowledge import KnownName
from companion.core.names import ORG_HEADS, TITLE_OF, is_title_word
from companion.core.people import Candidate, PersonIndex

# Long forms with these heads are agreements or laws, not organizations (CUSMA, NAFTA, GDPR).
NON_ORG_HEADS = frozenset("""agreement act treaty accord accords convention protocol pact charter
regulation directive bill law plan program programme initiative index""".split())
# Last words of names the model calls organizations that name a law, a study or a prize instead.
NOT_ORG_HEADS = frozenset("""agreement act treaty accord accords protocol pact charter regulation directive
bill law survey study report poll census index awards prize""".split())
NON_ORG_KINDS = frozenset({"agreement", "place", "law", "program"})  # NEXUS is a program, not a body
# Acronyms of things, not organizations, that the model often calls ORG.
COMMON_ACRONYMS = frozenset("""AI CEO CFO COO CTO GDP TV PR IT HR IPO EV EVS VAT DNA RNA PM MP MPS
AM FM OK USB GPS PhD MBA LGBTQ COVID NFT CPI IQ ID DIY FAQ VIP""".split())


def organizations(text: str, leftovers: list[Candidate], glossary: list[GlossaryEntry],
                   known: dict[tuple[int, int], KnownName] | None = None) -> list[tuple[int, int, str, str]]:
    known = known or {}
    not_org = {fold(g.term) for g in glossary if is_non_org(g)}
    not_org |= {fold(g.expansion) for g in glossary if g.expansion and is_non_org(g)}
    long_form = {g.term: _strip_the(g.expansion) for g in glossary
                 if g.source == "article" and g.expansion and not is_non_org(g)}
    out = []
    for c in leftovers:
        if c.label != "ORG":
            continue
        name = text[c.start:c.end]
        if fold(name) in not_org or _part_of_title(text, c.start) or name in COMMON_ACRONYMS \
                or (" " in name and name.split()[-1].lower() in NOT_ORG_HEADS):
            continue
        k = known.get((c.start, c.end))
        out.append((c.start, c.end, "ORG", k.name if k else long_form.get(name, name)))
    # An acronym defined in the text whose long form names an organization is one, wherever it
    # stands, even where the model missed it.
    for g in glossary:
        if g.source == "article" and g.expansion and is_org_name(g.expansion) and not is_non_org(g):
            out += [(s, e, "ORG", _strip_the(g.expansion)) for s, e in g.mentions]
    return out


_AT_A_PLACE = re.compile(r"\b(?:in|at|from|to|near|of|across|outside)\s+$")


def known_missed(text: str, chosen: list[tuple[int, int, str, str]], known, people: PersonIndex
                  ) -> list[tuple[int, int, str, str]]:
    """Known bodies the model proposed nothing for ("the SEC", "the Maple Leafs"). One word that
    is no acronym needs more: not inside a longer capitalised name, not a person's short name."""
    taken = sorted((s, e) for s, e, _, _ in chosen)
    out = []
    for k in known:
        if overlaps(taken, k.start, k.end):
            continue
        if k.single_word and (inside_longer_name(text, k.start, k.end)
                              or fold(text[k.start:k.end]) in people.by_short
                              or _AT_A_PLACE.search(text, max(0, k.start - 8), k.start)):
            continue  # "Palace" of "Élysée Palace"; "a match in Lyon" is the city
        out.append((k.start, k.end, "ORG", k.name))
    return out


def short_forms(text: str, chosen: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """"the League" after "Northern League", "the Commission" after "European Commission": the
    head of an organization's name, after "the", names the one the article named last."""
    heads: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s, e, label, canon in chosen:
        words = text[s:e].split()
        if label != "ORG" or len(words) < 2:
            continue
        for i, w in enumerate(words):  # "Northern League", "League of Rights"
            last = i == len(words) - 1 or words[i + 1] in ("of", "for")
            if last and w[0].isupper() and w.lower() in ORG_HEADS:
                heads[w].append((s, canon))
    if not heads:
        return []
    taken = sorted((s, e) for s, e, _, _ in chosen)
    pattern = re.compile(r"\b[Tt]he\s+(" + "|".join(map(re.escape, heads)) + r")\b(?![\w-]|\s+(?:of\b|[A-Z]))")
    out = []
    for m in pattern.finditer(text):
        before = [canon for s, canon in heads[m.group(1)] if s < m.start()]
        if before and not overlaps(taken, m.start(1), m.end(1)):
            out.append((m.start(1), m.end(1), "ORG", before[-1]))
    return out


def first_words_of_org_names(text: str, cands: list[Candidate]) -> set[str]:
    """"Dell" of "Dell Technologies": a bare "Dell" may be the company as well as the founder."""
    return {text[c.start:c.end].split()[0] for c in cands
            if c.label == "ORG" and not c.caps_line and " " in text[c.start:c.end]}


def is_org_name(name: str) -> bool:
    """"Bank of Canada", "Agency for International Development", "Future Borders Coalition"."""
    words = [w.lower().strip(".,") for w in name.split()]
    heads = {words[-1]} | {words[i - 1] for i, w in enumerate(words) if w in ("of", "for", "on") and i}
    return bool(heads & ORG_HEADS)


def is_non_org(g: GlossaryEntry) -> bool:
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


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when capitalised words run on into the match ("United States", "Trade Dawson Group")."""
    after = re.match(r"\s([^\W\d_])", text[end:end + 30])
    if after and after.group(1).isupper():
        return True
    window = text[max(0, start - 40):start]
    before = re.search(r"(^|[\s\S])\s*([^\W\d_][\w.’'-]*)\s$", window)  # "Élysée Palace" too
    if not before or not before.group(2)[0].isupper() or is_title_word(before.group(2)) \
            or before.group(2)[-1] in ".!?:;,":
        return False
    opens_sentence = before.group(1) in ("", "\n") or before.group(1) in ".!?“\"‘("
    return not opens_sentence


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, i - 1):i + 2])
