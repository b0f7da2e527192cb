#!/usr/bin/env bash
# Build the one-folder app dist/BackStretch/ with PyInstaller, and on Linux also
# dist/BackStretch-<version>-linux-<arch>.tar.gz. Prints both sizes.
# Needs .venv (bash packaging/dev.sh test, or dev.sh run, creates it); installs PyInstaller
# into it if missing. Usage: bash packaging/build.sh [--no-tar]
set -euo pipefail
cd "$(dirname "$0")/.."

PYINSTALLER_VERSION=6.22.3
venv=.venv
make_tar=1
[ "${1:-}" = "--no-tar" ] && make_tar=0

if [ ! -x "$venv/bin/python" ]; then
  echo "No .venv here: run 'bash packaging/dev.sh test' (or 'run') once first." >&2
  exit 1
fi
have=$("$venv/bin/python" -c 'import PyInstaller; print(PyInstaller.__version__)' 2>/dev/null || true)
if [ "$have" != "$PYINSTALLER_VERSION" ]; then
  echo "Installing PyInstaller $PYINSTALLER_VERSION into $venv"
  "$venv/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
fi

version=$("$venv/bin/python" -c 'import re,pathlib; print(re.search(r"__version__ = \"(.+?)\"", pathlib.Path("backstretch/__init__.py").read_text()).group(1))')
# The bundle carries assets/ as it is, so the .mo files (build output) must exist first.
"$venv/bin/python" packaging/i18n.py compile
started=$(date +%s)
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/backstretch.spec
echo "PyInstaller took $(( $(date +%s) - started )) s"

bundle=dist/BackStretch
[ -d "$bundle" ] || { echo "no $bundle after the build" >&2; exit 1; }

if [ "$(uname -s)" = Linux ]; then
  # Desktop integration travels with the bundle: BackStretch/install.sh adds it to the menu.
  id=io.github.backstretch.BackStretch
  install -Dm644 "packaging/linux/$id.desktop" "$bundle/share/applications/$id.desktop"
  install -Dm644 "packaging/linux/$id.metainfo.xml" "$bundle/share/metainfo/$id.metainfo.xml"
  QT_QPA_PLATFORM=offscreen "$venv/bin/python" packaging/render_icons.py \
    --hicolor "$bundle/share/icons/hicolor" >/dev/null
  install -m755 packaging/linux/install.sh "$bundle/install.sh"
fi
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
unpacked=$(du -sb "$bundle" | cut -f1)
echo "bundle: $bundle  $(mib "$unpacked") unpacked ($(find "$bundle" -type f | wc -l) files)"

case "$(uname -s)" in
  Linux)
    if [ "$make_tar" = 1 ]; then
      tarball=dist/BackStretch-$version-linux-$(uname -m).tar.gz
      # Names sorted, owner and times fixed: the archive adds nothing that varies between runs.
      tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' \
        -C dist -cf - BackStretch | gzip -9n > "$tarball"
      echo "tar.gz: $tarball  $(mib "$(stat -c %s "$tarball")")"
    fi
    ;;
esac
