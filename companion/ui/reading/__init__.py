"""The reading view: the article's text with its highlights, glossary underlines and hover tip
(`reader`, `hover`), the find bar (`find`), the heading's byline/date line (`heading`), the
toolbar's legend (`legend`) and character offsets → Tk indices (`indices`).

May import: `look/`, `kit/`, `companion.ui.events`, core's plain data (Document, Mention,
GlossaryEntry). Not panel/, notes/ or shell/.
"""
