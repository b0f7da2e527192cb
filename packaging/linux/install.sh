#!/usr/bin/env bash
# Add BackStretch to your desktop's application menu, for you alone (no root needed):
# the .desktop file, the AppStream metainfo and the hicolor icons under ~/.local/share.
#
#   install.sh                      from an unpacked BackStretch-*.tar.gz: the bundle beside it;
#                                   from a checkout: dist/BackStretch if built, else the
#                                   `backstretch` command on PATH (a pip install)
#   install.sh --bundle [DIR]       the PyInstaller bundle DIR (default: dist/BackStretch)
#   install.sh --pip [COMMAND]      the `backstretch` entry point of a pip install
#                                   (default: the one on PATH)
#   install.sh --uninstall          remove what install.sh added, and the reminders
#
# XDG_DATA_HOME moves the target (default ~/.local/share); XDG_CONFIG_HOME where reminders are.
set -euo pipefail

APP_ID=io.github.backstretch.BackStretch
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
metainfo=$data/metainfo
icons=$data/icons/hicolor
SIZES="16 24 32 48 64 128 256 512"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

# Where the files to install are: inside a bundle (share/ beside this script), or a checkout.
if [ -x "$here/BackStretch" ] && [ -d "$here/share" ]; then
  in_bundle=1
  share=$here/share
  desktop_src=$share/applications/$APP_ID.desktop
  metainfo_src=$share/metainfo/$APP_ID.metainfo.xml
  checkout=""
else
  in_bundle=0
  checkout=$(cd "$here/../.." && pwd)
  desktop_src=$here/$APP_ID.desktop
  metainfo_src=$here/$APP_ID.metainfo.xml
  share=""
fi

refresh_caches() {
  # Only caches that already exist: a new per-user icon cache would go stale and hide icons
  # other apps install later. Desktops notice new files in these folders by themselves.
  if [ -f "$apps/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" || true
  fi
  if [ -f "$icons/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
  fi
}

# Reminders (issue 15): the files `backstretch reminders install` wrote carry this marker;
# one without it is someone else's and stays. Same names as backstretch/desktop/scheduler/base.py.
REMINDER_MARKER="Written by BackStretch for its practice reminders"
remove_reminders() {
  local config=${XDG_CONFIG_HOME:-$HOME/.config} removed=0 file
  local units=$config/systemd/user
  if grep -qsF "$REMINDER_MARKER" "$units/backstretch-remind.timer"; then
    systemctl --user disable --now backstretch-remind.timer >/dev/null 2>&1 || true
  fi
  systemctl --user stop backstretch-remind-later.timer >/dev/null 2>&1 || true
  for file in "$units/backstretch-remind.timer" "$units/backstretch-remind.service" \
    "$config/autostart/$APP_ID-remind.desktop"; do
    [ -e "$file" ] || continue
    if grep -qsF "$REMINDER_MARKER" "$file"; then
      rm -f "$file"
      removed=1
      echo "Reminder removed: $file"
    else
      echo "Left as it is (not written by BackStretch): $file" >&2
    fi
  done
  if [ "$removed" = 1 ]; then systemctl --user daemon-reload >/dev/null 2>&1 || true; fi
}

uninstall() {
  remove_reminders
  rm -f "$apps/$APP_ID.desktop" "$metainfo/$APP_ID.metainfo.xml" \
    "$icons/scalable/apps/$APP_ID.svg"
  for size in $SIZES; do rm -f "$icons/${size}x${size}/apps/$APP_ID.png"; done
  refresh_caches
  echo "BackStretch is no longer in the application menu (your settings and history are kept)."
}

mode=""
target=""
case "${1:-}" in
  --uninstall) uninstall; exit 0 ;;
  --bundle) mode=bundle; target=${2:-} ;;
  --pip) mode=pip; target=${2:-} ;;
  "") ;;
  -h|--help) usage ;;
  *) echo "unknown argument: $1" >&2; usage ;;
esac

if [ -z "$mode" ]; then
  if [ "$in_bundle" = 1 ]; then
    mode=bundle; target=$here
  elif [ -x "$checkout/dist/BackStretch/BackStretch" ]; then
    mode=bundle; target=$checkout/dist/BackStretch
  elif command -v backstretch >/dev/null 2>&1; then
    mode=pip
  else
    echo "Nothing to install: build the bundle (bash packaging/build.sh) or pip install" \
      "BackStretch first, or say where it is with --bundle DIR or --pip COMMAND." >&2
    exit 1
  fi
fi

if [ "$mode" = bundle ]; then
  [ -n "$target" ] || target=${checkout:-$here}/dist/BackStretch
  [ -x "$target/BackStretch" ] || { echo "no BackStretch executable in $target" >&2; exit 1; }
  exe=$(cd "$target" && pwd)/BackStretch
else
  if [ -z "$target" ]; then
    target=$(command -v backstretch || true)
    [ -n "$target" ] || { echo "no backstretch command on PATH: pip install it first" >&2; exit 1; }
  fi
  case "$target" in
    /*) exe=$target ;;
    *) exe=$(cd "$(dirname "$target")" && pwd)/$(basename "$target") ;;
  esac
  [ -x "$exe" ] || { echo "$exe is not an executable" >&2; exit 1; }
fi

# The Exec key: quote a path with spaces (Desktop Entry spec); refuse characters that would
# need the spec's layered escaping rather than get them subtly wrong.
case "$exe" in
  *[!A-Za-z0-9\ _./+@,:=~-]*)
    echo "The path $exe has characters a .desktop file cannot hold simply;" \
      "move BackStretch to a plainer folder and run this again." >&2
    exit 1
    ;;
esac
case "$exe" in
  *" "*) exec_value="\"$exe\"" ;;
  *) exec_value=$exe ;;
esac

mkdir -p "$apps" "$metainfo" "$icons/scalable/apps"
sed -e "s|^Exec=.*|Exec=$exec_value|" -e "s|^TryExec=.*|TryExec=$exe|" \
  -e '/^# /d' "$desktop_src" > "$apps/$APP_ID.desktop.tmp"
mv "$apps/$APP_ID.desktop.tmp" "$apps/$APP_ID.desktop"
cp "$metainfo_src" "$metainfo/$APP_ID.metainfo.xml"

# Icons: the bundle carries them rendered; from a checkout they are rendered now with a
# Python that has PySide6 (the pip install's own, or .venv); the SVG alone is enough for
# current desktops if no such Python is found.
rendered=""
if [ -n "$share" ] && [ -d "$share/icons/hicolor" ]; then
  rendered=$share/icons/hicolor
else
  python=""
  if [ "$mode" = pip ]; then
    shebang=$(head -n1 "$exe" | sed -n 's|^#! *\([^ ]*\).*|\1|p')
    [ -n "$shebang" ] && [ -x "$shebang" ] && python=$shebang
  fi
  [ -z "$python" ] && [ -x "$checkout/.venv/bin/python" ] && python=$checkout/.venv/bin/python
  if [ -n "$python" ] && "$python" -c 'import PySide6.QtSvg' 2>/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    QT_QPA_PLATFORM=offscreen "$python" "$checkout/packaging/render_icons.py" \
      --hicolor "$tmp/hicolor" >/dev/null
    rendered=$tmp/hicolor
  fi
fi
if [ -n "$rendered" ]; then
  for size in $SIZES; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$rendered/${size}x${size}/apps/$APP_ID.png" "$icons/${size}x${size}/apps/"
  done
  cp "$rendered/scalable/apps/$APP_ID.svg" "$icons/scalable/apps/"
else
  cp "$checkout/assets/icons/backstretch.svg" "$icons/scalable/apps/$APP_ID.svg"
  echo "note: no Python with PySide6 found to render PNG icons; installed the SVG icon only."
fi

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$apps/$APP_ID.desktop"
fi
refresh_caches
echo "BackStretch is in the application menu ($apps/$APP_ID.desktop runs $exe)."
echo "To remove it: $0 --uninstall"
