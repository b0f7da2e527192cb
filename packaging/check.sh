#!/usr/bin/env bash
# CI proof that BackStretch installs and runs the way users get it (issue 7):
#  (a) the wheel, installed into a clean virtual environment: `backstretch self-test` and a
#      20-second headless session (--mute, --trace) there;
#  (b) the PyInstaller bundle: self-test from the bundle (offscreen), every library in it
#      resolves, a 20-second session from the bundle with the voice on under a private
#      PulseAudio null sink (the frozen speech worker and QSoundEffect), and its sizes;
#  (c) the .desktop and AppStream files pass desktop-file-validate and appstreamcli.
# Run after `bash packaging/dev.sh test` has set up .venv (dev.sh test calls this at its end).
# Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
[ -x "$venv/bin/python" ] || { echo "no .venv: run bash packaging/dev.sh test first" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/backstretch-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
timings=""
step_started=0
failed=0

step() { step_started=$(date +%s.%N); echo "== packaging: $1"; }
done_step() {
  local took
  took=$(awk -v a="$step_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  timings="$timings$(printf '  %-48s %6s s' "$1" "$took")"$'\n'
}
fail() { echo "FAILED: $*" >&2; failed=1; }
isolated() {  # run a command with private XDG folders, offscreen
  env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/xdg/config" \
    XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache" \
    XDG_STATE_HOME="$work/xdg/state" "$@"
}
total_started=$(date +%s.%N)

# --- (a) the wheel in a clean virtual environment -------------------------------------------
step "build the wheel"
rm -rf build/wheel
"$venv/bin/python" -m pip wheel -q --no-deps . -w build/wheel
wheel=$(ls build/wheel/backstretch-*.whl)
echo "  $wheel"
done_step "wheel: build"

step "install it into a clean virtual environment"
base_python=$("$venv/bin/python" -c 'import sys; print(sys._base_executable)')
"$base_python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel"
done_step "wheel: clean venv + pip install (with PySide6)"

step "self-test from the wheel"
isolated "$work/venv/bin/backstretch" self-test || fail "self-test from the wheel"
done_step "wheel: self-test"

step "the wheel speaks German and Spanish (LANG, the catalogs compiled into it)"
for pair in "de_DE.UTF-8:Kindhaltung" "es_ES.UTF-8:Postura del niño"; do
  LANGUAGE= LC_ALL= LC_MESSAGES= LANG="${pair%%:*}" isolated "$work/venv/bin/backstretch" routines |
    grep -q "${pair#*:}" || fail "the wheel's routines in ${pair%%:*} do not name ${pair#*:}"
done
done_step "wheel: German and Spanish"

step "a 20-second session from the wheel (--mute)"
"$venv/bin/python" packaging/check_session.py --mute -- "$work/venv/bin/backstretch" ||
  fail "session from the wheel"
done_step "wheel: 20 s session"
rm -rf "$work/venv"

# --- (b) the PyInstaller bundle -------------------------------------------------------------
step "build the bundle"
bash packaging/build.sh
done_step "bundle: PyInstaller build + tar.gz"
bundle=dist/BackStretch

step "self-test from the bundle"
isolated "$bundle/BackStretch" self-test || fail "self-test from the bundle"
done_step "bundle: self-test"

step "the bundle speaks German and Spanish, and carries Qt's own translations for them"
for pair in "de_DE.UTF-8:Kindhaltung" "es_ES.UTF-8:Postura del niño"; do
  LANGUAGE= LC_ALL= LC_MESSAGES= LANG="${pair%%:*}" isolated "$bundle/BackStretch" routines |
    grep -q "${pair#*:}" || fail "the bundle's routines in ${pair%%:*} do not name ${pair#*:}"
done
for lang in de es; do
  find "$bundle" -name "qtbase_$lang.qm" | grep -q . || fail "qtbase_$lang.qm is not in the bundle"
done
done_step "bundle: German and Spanish"

# Everything a bundled library links must be in the bundle or on this system; the Wayland
# client libraries are the system's by design (spec), and may be absent on a headless CI box.
step "every library in the bundle resolves"
missing=$(find "$bundle" -type f \( -name '*.so*' -o -name BackStretch \) -print0 |
  LD_LIBRARY_PATH="$bundle/_internal" xargs -0 -n 20 ldd 2>/dev/null |
  awk '/:$/ { file = $1 } /not found/ && $1 !~ /^libwayland-/ { print "  " file " needs " $1 }' |
  sort -u)
if [ -n "$missing" ]; then
  echo "$missing"
  fail "libraries missing from the bundle (the deny-list in packaging/backstretch.spec went too far)"
fi
done_step "bundle: ldd check"

step "a 20-second session from the bundle (voice on)"
if command -v pulseaudio >/dev/null 2>&1 && command -v parec >/dev/null 2>&1; then
  "$venv/bin/python" packaging/check_session.py --pulse -- "$bundle/BackStretch" ||
    fail "session from the bundle"
else
  echo "  no PulseAudio here (sudo apt-get install pulseaudio pulseaudio-utils): muted session"
  "$venv/bin/python" packaging/check_session.py --mute -- "$bundle/BackStretch" ||
    fail "session from the bundle"
fi
done_step "bundle: 20 s session (voice, PulseAudio)"

# --- (c) desktop integration files ----------------------------------------------------------
step "validate the .desktop and AppStream files"
id=io.github.backstretch.BackStretch
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "packaging/linux/$id.desktop" || fail "desktop-file-validate"
else
  fail "desktop-file-validate is missing: sudo apt-get install desktop-file-utils"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net --explain "packaging/linux/$id.metainfo.xml" ||
    fail "appstreamcli validate"
else
  fail "appstreamcli is missing: sudo apt-get install appstream"
fi
done_step "desktop + metainfo validation"

echo "== packaging: sizes"
awk -v b="$(du -sb "$bundle" | cut -f1)" 'BEGIN { printf "  bundle    %6.1f MiB unpacked (target 150)\n", b / 1048576 }'
for tarball in dist/BackStretch-*-linux-*.tar.gz; do
  [ -f "$tarball" ] && awk -v b="$(stat -c %s "$tarball")" -v n="$tarball" \
    'BEGIN { printf "  tar.gz    %6.1f MiB  %s (target 60)\n", b / 1048576, n }'
done
echo "== packaging: timings"
printf '%s' "$timings"
awk -v a="$total_started" -v b="$(date +%s.%N)" 'BEGIN { printf "  %-48s %6.1f s\n", "total", b - a }'
if [ "$failed" != 0 ]; then
  echo "packaging check FAILED" >&2
  exit 1
fi
echo "packaging check passed"
