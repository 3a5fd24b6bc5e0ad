"""Errors a user can cause. Each carries a one-line message that says what failed and what to do."""


class UserError(Exception):
    """An input problem shown to the reader as one line, never as a traceback."""


class InputError(UserError):
    """The article could not be opened or read as text."""


class ModelMissingError(UserError):
    """No spaCy English model is installed."""


class StoreError(UserError):
    """The notes database could not be read or written."""
