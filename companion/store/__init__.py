"""What the reader saves: notes (SQLite, with salvage and recovery), corrections, the glossary,
settings, the cache, paths of user data; every file read back is validated (store/validate.py).
No Tk here."""
