#!/usr/bin/env bash
# Installs what building and testing Winroll needs on a fresh Debian 12 / Ubuntu machine.
# Safe to run again: each step is skipped or quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  build-essential pkg-config curl ca-certificates git bc time python3
  # tests/check-workflows.py reads the hosted workflows.
  python3-yaml
  # A real Secret Service for the keyring tests, in a private D-Bus session.
  dbus dbus-x11 gnome-keyring
  # The Windows stage: the windows-gnu build (mingw links it and the ProcessPrng stand-in),
  # its tests under Wine 8, and the desktop app's start-up message box found by its title.
  gcc-mingw-w64-x86-64 wine wine64 fonts-wine xdotool
  # The Windows installers: setup.exe from NSIS, the MSI from msitools' wixl, both signed with
  # osslsigncode (tested with a throw-away certificate).
  nsis wixl msitools osslsigncode
  # The desktop app (Tauri 2 on WebKitGTK 4.1) and its end-to-end tests in a real window.
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libsoup-3.0-dev
  xvfb xauth webkit2gtk-driver xclip
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install it with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
if command -v rustup >/dev/null; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
  if [ "${WINROLL_SKIP_WINDOWS:-}" != 1 ] && ! rustup target list --installed | grep -q x86_64-pc-windows-gnu; then
    # The Windows check is part of the test command: without the target it cannot pass, so
    # say so now (WINROLL_SKIP_WINDOWS=1 skips it on purpose, and the totals line says so).
    rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1 || {
      echo "setup: could not add the x86_64-pc-windows-gnu target (set WINROLL_SKIP_WINDOWS=1 to skip the Windows check)" >&2
      exit 1
    }
  fi
fi
# Node.js 20.19+ for the UI's tools (Vite 8); the npm packages exactly as locked.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "setup: Node.js 20.19 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
# Tools from crates.io, each at an exact version (a new release never changes what CI runs):
# the WebDriver bridge for the end-to-end tests (the official one; it drives Debian's
# WebKitWebDriver), and cargo-deny for the dependency graph's licences, bans and sources.
install_tool() { # name version
  if ! cargo install --list | grep -qx "$1 v$2:"; then
    cargo install "$1" --locked --version "=$2"
  fi
}
install_tool tauri-driver 2.1.0
install_tool cargo-deny 0.20.2
echo "setup: done"
