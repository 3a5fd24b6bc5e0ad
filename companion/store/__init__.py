"""What the reader saves: notes (SQLite), paths of user data. No Tk here."""
