#!/usr/bin/env bash
# Install everything the tests need (Debian packages included) and run the whole test suite.
# Used by the README's test command and by .ci/run. Safe to run again: it installs only what
# is missing. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Java and the OWL API (HermiT, OwlCheck), Jena, Virtuoso (endpoint tests), Graphviz (networks
# and maps), Chromium and its driver (the HTML map in a real browser), Node (the Argdown parser)
APT_PACKAGES=(default-jre-headless libowlapi-java libapache-jena-java virtuoso-opensource graphviz chromium chromium-driver nodejs)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)   # Debian ships npm apart from nodejs
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"   # editable, as scripts/install.sh does
.venv/bin/ruff check src tests benchmarks
.venv/bin/python scripts/w3c_suite.py   # the W3C SPARQL 1.1 suite for tests/conformance (pinned; once)
# the real Argdown parser, for tests/debate/test_arguments.py (pinned; from the npm registry; once)
if [ ! -x tests/.argdown/node_modules/.bin/argdown ]; then
    mkdir -p tests/.argdown
    npm install --prefix tests/.argdown --no-audit --no-fund --silent @argdown/cli@1.7.5
fi
# two workers (the machines this runs on have two cores); --dist loadfile keeps each file's
# servers and fixtures in one worker. The import-linter contract runs inside (tests/test_architecture.py).
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
