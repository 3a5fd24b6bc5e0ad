import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own user data folder: nothing touches the reader's real notes."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
