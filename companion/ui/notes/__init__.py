"""Notes in the window: the controller that saves through the NoteStore and redraws (`controller`),
where each note sits in the text (`placement`, no Tk), its marks in the reader (`marks`), the
dialog (`dialog`), the Notes tab (`tab`), All notes (`all_notes`, `library`) and export/import
(`transfer`).

May import: `look/`, `kit/`, `reading/`, `companion.ui.events`, core/ and store/. Not panel/
(the controller asks for its tab through events) and not shell/.
"""
