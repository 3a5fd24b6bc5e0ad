"""How the window looks: the light and dark palettes and every colour drawn on, notes' colours
included, and switching them at run time (`theme`); fonts, sizes and the reading column (`fonts`);
the View menu that changes them and remembers the choice (`appearance`).

May import: `theme` and `fonts` nothing of the window (no Tk needed: their numbers are tested
without a display); `appearance` also `kit/` (shortcut table, preferences) and, for types only,
the reader and the legend it is handed. Every other room may import look/.
"""
