"""How the reader sets its text: the font and size, the line spacing, and a column of so many
average characters centred in the pane, with the title and the byline lined up with it.

`TypeSetting` is mixed into `ReaderView`: it uses the view's `text`, `title_label`, `meta_label`
and `scrollbar`, and keeps `font_family`, `font_size`, `column_width` and `line_spacing`.
"""

from __future__ import annotations

from companion.ui.look import fonts


class TypeSetting:
    """The reading comfort half of ReaderView (see the module's docstring)."""

    _margins: tuple[int, int] = (0, 0)
    _fitted: tuple[int, int, int] = (0, 0, 0)  # (margin, width, column) last applied

    def set_font(self, family: str | None = None, size: int | None = None) -> None:
        """The text's font family ("" or None: the default serif) and size in points."""
        if family is not None:
            self.font_family = family or self.default_family
        if size is not None:
            self.font_size = size
        self._apply_font()

    def set_column_width(self, characters: int) -> None:
        """The reading column's width, in average characters of the text's font."""
        self.column_width = characters
        self._fit_column()

    def set_line_spacing(self, factor: float) -> None:
        """Lines `factor` × the font size apart (1.25 compact … 1.8 airy)."""
        self.line_spacing = factor
        self._apply_font()

    @property
    def margins(self) -> tuple[int, int]:
        """The Text's padding left and right of the column, in pixels."""
        return self._margins

    def _apply_font(self) -> None:
        font = (self.font_family, self.font_size)
        self.text.configure(font=font)
        self.title_label.configure(font=(self.font_family, self.font_size + fonts.TITLE_EXTRA, "bold"))
        linespace = int(self.tk.call("font", "metrics", font, "-linespace"))
        size_px = round(self.font_size * float(self.tk.call("tk", "scaling")))
        above, between, after = fonts.line_spacing(self.line_spacing, size_px, linespace)
        self.text.configure(spacing1=above, spacing2=between, spacing3=after)
        self._fit_column()

    def _fit_column(self) -> None:
        """Centre a column of `column_width` average characters in the Text's width."""
        font = self.text.cget("font")
        sample = "the quick brown fox jumps over the lazy dog"
        average = int(self.tk.call("font", "measure", font, sample)) / len(sample)
        width = self.text.winfo_width()
        if width <= 1:  # not laid out yet: the next <Configure> fits it
            width = max(self.text.winfo_reqwidth(), 640)
        column = round(self.column_width * average)
        side = max(fonts.MIN_MARGIN, (width - column) // 2)
        if self._fitted != (side, width, column):
            self._fitted, self._margins = (side, width, column), (side, side)
            self.text.configure(padx=side, pady=18)
            # The title and the path line up with the text column.
            right = max(fonts.MIN_MARGIN, width - side - column) + self.scrollbar.winfo_reqwidth()
            self._label_padx = (side, right)
            for label in (self.title_label, self.meta_label):
                if label.winfo_manager():  # configuring an unpacked label would pack it
                    label.pack_configure(padx=self._label_padx)
            self.title_label.configure(wraplength=max(200, min(column, width - 2 * side)))
