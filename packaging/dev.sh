#!/usr/bin/env bash
# Set everything up and run BackStretch (`run`) or its whole test suite (`test`).
# Idempotent: installs what is missing, then does the work. Debian/Ubuntu, Python 3.11+.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
[ $# -gt 0 ] && shift

# System packages: speech (espeak-ng), Qt's X/EGL/font libraries, audio for QtMultimedia;
# the tests also need a PulseAudio daemon, sox and Xvfb, a dbus-daemon for the MPRIS tests
# (they write their own bus config, so dbus-session-bus-common's session.conf is not needed),
# and the packaging check the desktop-file and AppStream validators.
run_pkgs="espeak-ng libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
libxcb-keysyms1 libxcb-shape0 libfontconfig1 libdbus-1-3 libpulse0 fonts-dejavu-core"
test_pkgs="pulseaudio pulseaudio-utils sox xvfb dbus-daemon desktop-file-utils appstream poppler-utils"
pkgs=$run_pkgs
[ "$mode" = test ] && pkgs="$run_pkgs $test_pkgs"

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
python=$(pick_python) || { echo "BackStretch needs Python 3.11 or newer: sudo apt-get install -y python3"; exit 1; }
"$python" -c 'import venv, ensurepip' 2>/dev/null || pkgs="$pkgs python3-venv"

if command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $pkgs; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing system packages:$missing"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      # shellcheck disable=SC2086
      apt-get install -y -qq $missing >/dev/null
    else
      echo "BackStretch needs a few system packages. Run this once, then try again:"
      echo "  sudo apt-get install -y$missing"
      exit 1
    fi
  fi
else
  echo "Not a Debian/Ubuntu system: make sure espeak-ng and Qt's X11/EGL libraries are installed."
fi

venv=.venv
stamp=$venv/.installed
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi

# The translation catalogs' .mo files are build output (not in git): make them from the .po
# files, so the app and the tests read what the translators wrote.
"$venv/bin/python" packaging/i18n.py compile >/dev/null

case "$mode" in
  run)
    exec "$venv/bin/backstretch" "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff"; "$venv/bin/ruff" check . && "$venv/bin/ruff" format --check .
    echo "== mypy"; "$venv/bin/mypy"
    echo "== import-linter"; "$venv/bin/lint-imports" --no-cache
    echo "== pytest"; "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
    # The wheel in a clean venv and the PyInstaller bundle, as users get them (about 1.5 min);
    # skipped when pytest was given a selection.
    if [ $# -eq 0 ]; then echo "== packaging"; bash packaging/check.sh; fi
    ;;
  *)
    echo "usage: bash packaging/dev.sh run|test [arguments]"; exit 2
    ;;
esac
