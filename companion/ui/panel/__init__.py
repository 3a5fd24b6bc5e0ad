"""The side panel (`side_panel`) and what acts on it: the Glossary tab and the reader's own
entries (`glossary_tab`, `glossary_edit`, `glossary_dialog`), the People tab and corrections of
who is who (`people_tab`, `corrections`, `correction_dialogs`). The Notes tab lives in notes/.

May import: `look/`, `kit/`, `reading/` (to reveal and read the selection), `notes.tab`,
`companion.ui.events`, core/ and store/. Not shell/.
"""
