"""How the window looks: the light and dark palettes and every colour drawn on (`theme`), fonts
and the reading column (`fonts`), and the View menu that changes them (`appearance`).

May import: tkinter/ttkbootstrap, `companion.ui.events`, `companion.ui.kit.shortcuts` (appearance's
menu entries). Nothing from the other rooms; `theme` and `fonts` import no Tk at all.
"""
