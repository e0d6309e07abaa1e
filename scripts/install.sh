#!/usr/bin/env bash
# The README's command 1: install icpa into .venv and run its main job on the bundled data
# (icpa query barriers-to-integration && icpa validate).
#
# - As root on a fresh Debian/Ubuntu machine it installs what is missing with apt: python3 and
#   python3-venv (nothing else; Java is not installed, so `icpa validate` reports its Java checks
#   as WARN lines). As a normal user it needs no sudo when they are present, and otherwise
#   says which apt command to run.
# - It makes the virtual environment .venv in the checkout (the one scripts/test.sh uses) and
#   installs icpa there with `pip install -e .`, so a curator's edits in the checkout count.
# - Safe to run again: it installs only what is missing. It writes nothing outside the checkout
#   except through apt (pip runs without a cache and keeps its temporary files in .venv) and
#   icpa's own cache (~/.cache/icpa or $ICPA_CACHE_DIR, used by validate's Java checks).
# - It does not need git. Errors end it with one line on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd -P)
me="install.sh"

say() { echo "$me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }

[ -f pyproject.toml ] && [ -f setup.py ] && [ -d src/icpa ] || die "$here is not an icpa checkout (no pyproject.toml, setup.py or src/icpa)"

[ -w . ] || die "cannot write to $here (the virtual environment goes in .venv there); run this as the checkout's owner"
[ ! -e .venv ] || [ -w .venv ] || die "$here/.venv belongs to another user ($(stat -c %U .venv)); run this as that user, or remove .venv"

# ---- 1. Debian packages: python3 (>= 3.10) with venv and ensurepip --------------------------
py_ok() { command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; }
venv_ok() { python3 -c 'import venv, ensurepip' >/dev/null 2>&1; }

if command -v python3 >/dev/null 2>&1 && ! py_ok; then
    die "$(command -v python3) is Python $(python3 -c 'import platform; print(platform.python_version())' 2>/dev/null || echo '?'); icpa needs Python >= 3.10 (Debian 12 and Ubuntu 22.04 have it)"
fi
need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
venv_ok || need+=(python3-venv)

apt_installed=()
if [ "${#need[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 \
        || die "needs python3 (>= 3.10) with its venv and ensurepip modules (missing: ${need[*]}); install them with this system's package manager"
    if [ "$(id -u)" -ne 0 ]; then
        die "needs the Debian package(s) ${need[*]}; run \`sudo apt-get install -y ${need[*]}\` (or that as root), then this script again"
    fi
    say "installing Debian packages with apt: ${need[*]} ..."
    before=$(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 ~ /^ii/ {print $2}' | sort)
    export DEBIAN_FRONTEND=noninteractive
    out=$(apt-get update -q 2>&1) \
        || die "apt-get update failed: $(printf '%s\n' "$out" | grep -E '^(E|W):' | tail -n 1)"
    out=$(apt-get install -y -q --no-install-recommends "${need[@]}" 2>&1) \
        || die "apt-get install ${need[*]} failed: $(printf '%s\n' "$out" | grep -E '^E:' | tail -n 1)"
    after=$(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 ~ /^ii/ {print $2}' | sort)
    mapfile -t apt_installed < <(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
    # record what this script installed (kept in .venv, so that a later run can still say so)
    mkdir -p .venv
    asked="${need[*]}" all="${apt_installed[*]}"
    if [ -f .venv/.icpa-apt-packages ]; then
        { read -r old_asked; read -r old_all; } <.venv/.icpa-apt-packages || true
        asked="${old_asked:-} $asked" all="${old_all:-} $all"
    fi
    uniq_words() { tr ' ' '\n' <<<"$1" | awk 'NF && !seen[$0]++' | paste -sd' '; }
    printf '%s\n' "$(uniq_words "$asked")" "$(uniq_words "$all")" >.venv/.icpa-apt-packages
    py_ok && venv_ok || die "python3 still has no venv/ensurepip after installing ${need[*]}"
fi

# ---- 2. the virtual environment .venv ------------------------------------------------------
export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
mkdir -p .venv/.tmp
export TMPDIR="$here/.venv/.tmp"   # pip's and ensurepip's temporary files stay in the checkout
trap 'rm -rf "$here/.venv/.tmp"' EXIT

if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    say "creating the virtual environment .venv ($(python3 -c 'import platform; print("Python", platform.python_version())')) ..."
    out=$(python3 -m venv .venv 2>&1) || die "python3 -m venv .venv failed: $(printf '%s\n' "$out" | grep -v '^\s*$' | head -n 1)"
    .venv/bin/python -m pip --version >/dev/null 2>&1 || die ".venv has no working pip; remove .venv (rm -rf .venv) and run this again"
fi

# ---- 3. icpa, editable, into .venv ---------------------------------------------------------
stamp_file=.venv/.icpa-install
stamp="editable $here $(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
installed_here() {   # icpa in .venv is an editable install of this checkout, built from these build files
    [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] || return 1
    .venv/bin/python - "$here" <<'EOF' >/dev/null 2>&1 || return 1
import json, sys
from importlib import metadata
from pathlib import Path
info = json.loads(metadata.distribution("icpa").read_text("direct_url.json") or "{}")
ok = info.get("dir_info", {}).get("editable") and info.get("url") == Path(sys.argv[1]).as_uri()
import icpa
sys.exit(0 if ok and Path(icpa.__file__).resolve().is_relative_to(Path(sys.argv[1], "src")) else 1)
EOF
    .venv/bin/python -m pip check >/dev/null 2>&1
}

if installed_here; then
    say "icpa is already installed in .venv (editable, from $here)"
else
    say "installing icpa and its dependencies into .venv (pip install -e .; about a minute) ..."
    log=.venv/pip-install.log
    if ! .venv/bin/python -m pip install -e . >"$log" 2>&1; then
        last=$(grep -E '^\s*ERROR:' "$log" | tail -n 1 | sed -E 's/^\s*ERROR: *//')
        [ -n "$last" ] || last=$(grep -v '^\s*$' "$log" | tail -n 1)
        if grep -q CERTIFICATE_VERIFY_FAILED "$log"; then
            last="$last (HTTPS to the package index failed certificate verification: this machine does not trust the certificate its connection presents)"
        fi
        die "pip install -e . failed: $last (full log: .venv/pip-install.log)"
    fi
    rm -f "$log"
    echo "$stamp" >"$stamp_file"
fi
rm -rf .venv/.tmp
trap - EXIT
unset TMPDIR

# ---- 4. the main job -----------------------------------------------------------------------
say "running: icpa query barriers-to-integration && icpa validate"
rc=0
.venv/bin/icpa query barriers-to-integration || rc=$?
if [ "$rc" -eq 0 ]; then
    .venv/bin/icpa validate || rc=$?
    job="icpa validate"
else
    job="icpa query barriers-to-integration"
fi

# ---- 5. what is left behind ----------------------------------------------------------------
echo
say "left behind: $here/.venv ($(du -sh .venv | cut -f1); icpa installed editable, so edits in this checkout count)"
if [ -f .venv/.icpa-apt-packages ]; then
    { read -r asked; read -r all; } <.venv/.icpa-apt-packages
    n=$(( $(wc -w <<<"$all") - $(wc -w <<<"$asked") ))
    when="this run"; [ "${#apt_installed[@]}" -gt 0 ] || when="an earlier run of this script"
    say "Debian packages installed by $when: $asked, with $n dependencies (all listed in .venv/.icpa-apt-packages)"
else
    say "Debian packages installed: none"
fi
say "run icpa with .venv/bin/icpa COMMAND (e.g. .venv/bin/icpa list), or: source .venv/bin/activate, then icpa COMMAND"
[ "$rc" -eq 0 ] || { echo "$me: error: $job failed (exit $rc); icpa itself is installed (.venv/bin/icpa)" >&2; exit "$rc"; }
