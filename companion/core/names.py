"""Words around names: titles and honorifics, possessives, and how to trim a mention to its name.

Plain data and small pure functions shared by who-is-who and the glossary.
"""

from __future__ import annotations

import re

APOSTROPHES = "'’"
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")

# Words that make the capitalised words before a name a title, not part of the name.
TITLE_NOUNS = frozenset("""
president vice-president minister secretary chancellor premier governor mayor senator
representative congressman congresswoman ambassador king queen prince princess pope judge justice
chief ceo cfo coo chair chairman chairwoman chairperson director commissioner spokesperson
spokesman spokeswoman leader general admiral commander captain coach manager sheriff attorney
dean professor provost rector bishop archbishop cardinal rabbi imam reverend father sister
speaker treasurer administrator superintendent inspector officer president-elect deputy
lieutenant sergeant colonel major emperor empress duke duchess lord lady sir dame
founder owner economist analyst lawyer diplomat expert executive editor reporter correspondent
author scientist researcher physicist chemist biologist astronaut actor actress singer striker
midfielder defender goalkeeper quarterback pitcher forward guard centre center
""".split())
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. sen sen. rep rep.
gov gov. gen gen. col col. capt capt. lt lt. sgt sgt. st st. mx mx. hon hon. fr fr. pres pres.
""".split())
# After these, "of X" continues a title ("Secretary of State", "Minister of Finance").
NAME_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?,?")
TITLE_OF = frozenset({"secretary", "minister", "chancellor", "governor",
                      "director", "chief", "head", "president", "chair", "attorney"})

# Head nouns of things named after people ("James Webb Space Telescope", "Perkin Medal").
THING_HEADS = frozenset("""telescope medal prize award trophy cup street avenue road bridge airport
stadium arena park square hall building tower school hospital museum library station lecture
fellowship scholarship act bill doctrine river lake mountain island islands county valley beach
railroad railway line palace castle church cathedral temple mosque hotel theatre theater
pond creek stream reservoir dock docks wharf pier harbour harbor canal junction gym
gymnasium pavilion playfield mall plaza coulee forest rainforest
glacier desert peninsula mountains springs boulevard highway motorway""".split())
# Head nouns of organization names: an acronym whose long form ends in one is an organization.
ORG_HEADS = frozenset("""agency administration association authority bank board bureau centre center
coalition commission committee company corporation council court department federation force forces
foundation fund group institute institution laboratory league ministry network office organisation
organization parliament party police reserve service services society union university alliance
assembly chamber club command congress corps forum guard inc ltd news press senate tribunal
guild llp llc plc partners gmbh corp limited pty works""".split())


def is_title_word(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in TITLE_NOUNS or word.lower() in HONORIFICS or w.split("-")[-1] in TITLE_NOUNS


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A name's span without a leading "the", a trailing possessive, or edge punctuation."""
    s = text[start:end]
    if "(" in s and ")" not in s[s.index("("):]:
        end = start + s.index("(")  # "Group of Twenty (G20" → "Group of Twenty"
        s = text[start:end]
    m = re.match(r"(?:the|The|THE)\s+", s)
    if m and len(s) > m.end():
        start += m.end()
    s = text[start:end]
    m = POSSESSIVE.search(s)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1] in " \t\n,;:.!?\"“”‘’'()[]-—–" and not _keeps_dot(text, start, end):
        end -= 1
    # A name never ends on a small word or a member's post: "Standard Oil Company of", "Hootie &",
    # "Liberal-Labour MPP".
    tail = _TRAILING.search(text, start, end)
    while tail and tail.start() > start:
        end = tail.start()
        tail = _TRAILING.search(text, start, end)
    while start < end and text[start] in " \t\n\"“”‘’'([—–-":
        start += 1
    return start, end


_TRAILING = re.compile(r"\s+(?:of|the|and|&|for|in|at|on|to|MP|MPP|MLA|MEP|MNA|MHA|MK|TD)$")


def _keeps_dot(text: str, start: int, end: int) -> bool:
    """"U.S." and "Corp." keep their final dot."""
    if text[end - 1] != ".":
        return False
    word = text[start:end].split()[-1]
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{1,3}\.", word))


def strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading titles and honorifics: "Prime Minister Mark Carney" → "Mark Carney"."""
    words = list(re.finditer(r"\S+", text[start:end]))
    cut = 0
    for i, m in enumerate(words[:-1]):
        w = m.group()
        if is_title_word(w):
            cut = i + 1
            # "Secretary of State Marco Rubio": the "of X" belongs to the title
            if (w.lower() in TITLE_OF and cut < len(words) - 2 and words[cut].group() == "of"):
                cut += 2
        elif not (w[:1].isupper() or w.lower() in {"of", "former", "then", "acting", "interim"}):
            break
    if cut == 0 or cut >= len(words) or NAME_SUFFIX.fullmatch(words[cut].group()):
        return start, end
    return start + words[cut].start(), end


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def is_all_caps_line(line: str) -> bool:
    if line.upper() != line:  # the common case, decided at C speed
        return False
    letters = [c for c in line if c.isalpha()]
    words = re.findall(r"[A-Za-z]{2,}", line)
    return len(words) >= 2 and len(letters) >= 6 and all(c.isupper() for c in letters)


def lines_where(text: str, test) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` for which `test(line)` is true, in order."""
    ranges, pos = [], 0
    for line in text.split("\n"):
        if test(line):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges


def all_caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ALL-CAPS line (a headline) of `text`, in order."""
    return lines_where(text, is_all_caps_line)


# Small words a Title-Case headline leaves in lower case.
_HEADLINE_SMALL = frozenset("""a an the and or nor but of to in on at by for from with as vs vs. via
over into onto per than up off out""".split())


def is_title_case_line(line: str) -> bool:
    """"Fed Signals Pause as Inflation Cools": a headline whose words are all capitalised.

    Not a sentence (no final period), at least four words, three of them content words, and
    every content word capitalised; ALL-CAPS lines are headlines of their own kind."""
    stripped = line.strip()
    if not 12 <= len(stripped) <= 200 or stripped.endswith(".") or is_all_caps_line(stripped):
        return False
    words = re.findall(r"[^\W\d_][\w'’.&-]*", stripped)
    content = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    return len(words) >= 4 and len(content) >= 3 and all(w[0].isupper() for w in content)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every Title-Case headline line of `text`, in order."""
    return lines_where(text, is_title_case_line)
