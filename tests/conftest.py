import pytest


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path, monkeypatch):
    """Every test gets its own user data and config folders, whatever the environment says:
    nothing touches the reader's real notes or settings, and no test sees another's."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "companion-data"))
    monkeypatch.setenv("COMPANION_CONFIG_DIR", str(tmp_path / "companion-config"))


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """Tests talk to 127.0.0.1 only: a proxy from the environment must not take their requests."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
