#!/usr/bin/env bash
# Make the two pictures the README shows (needs Graphviz: apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
icpa=".venv/bin/icpa"
[ -x "$icpa" ] || icpa="icpa"
"$icpa" network --kind actor-actor -o docs/network.png --force
"$icpa" map --topic MarketCompetition -o docs/map.png --force
