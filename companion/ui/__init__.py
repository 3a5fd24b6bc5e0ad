"""The window (Tkinter + ttkbootstrap). Draws what core/ returns; holds no NLP and no SQL.

Entry point: `companion.ui.app.run_app(path)`.
"""
