import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own user data folder: nothing touches the reader's real notes."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """Tests talk to 127.0.0.1 only: a proxy from the environment must not take their requests."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
