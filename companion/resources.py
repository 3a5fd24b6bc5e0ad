"""Where the files shipped with the app live (the repo's top-level assets/ and seeds/)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = ROOT / "assets"
SEEDS_DIR = ROOT / "seeds"
DEFAULT_ARTICLE = SEEDS_DIR / "000_8d5592569a17af2b.txt"
