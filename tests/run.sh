#!/usr/bin/env bash
# Install what the tests need (the app, pytest, Xvfb for window tests, the sqlite3 command whose
# .recover the salvage tests use, gcc for the power-loss test's fsync shim) and run the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
MISSING=""
command -v Xvfb >/dev/null 2>&1 || MISSING="$MISSING xvfb"
command -v sqlite3 >/dev/null 2>&1 || MISSING="$MISSING sqlite3"
command -v gcc >/dev/null 2>&1 || MISSING="$MISSING gcc libc6-dev"
if [ -n "$MISSING" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086  # one word per package
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
fi
exec python3 -m pytest -q -p no:cacheprovider "$@"
