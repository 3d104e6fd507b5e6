#!/usr/bin/env bash
# The Windows stage: the x86_64-pc-windows-gnu build of the CLI, its test suite and the keyring
# tests run under Wine (Debian's wine64) against Wine's Credential Manager, then a scan of the
# whole Wine prefix for credentials in plain text (UTF-8 or UTF-16).
#
# Wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library imports; the
# stand-in built here from tests/windows/bcryptprimitives.c sits beside every test executable.
#
# The desktop app is cross-built too and started under Wine, which has no WebView2 Runtime: it
# must say so in a message box (tests/windows/webview2_missing.sh).
#
# Usage: tests/windows/run.sh [extra cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
out="$PWD/target/$target/debug"
packages=(-p winroll-cli -p winroll-app -p winroll-keyring -p winroll-files)

# A throw-away prefix per run: nothing from an earlier run (or the user's ~/.wine) is read.
work=$(mktemp -d)
export WINEPREFIX="$work/prefix"
export WINEDEBUG=-all
# No Mono or Gecko install prompts: nothing here needs .NET or the HTML engine.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "windows: building the tests and the desktop app"
cargo test --locked --target "$target" "${packages[@]}" --no-run
# Built as the installers package it (the UI inside, served by the custom protocol), so the
# installer step below reuses this build.
npm run --silent build
cargo build --locked --target "$target" -p winroll-desktop -p winroll-cli --features winroll-desktop/custom-protocol

echo "windows: the ProcessPrng stand-in"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
cp "$work/bcryptprimitives.dll" "$out/"
cp "$work/bcryptprimitives.dll" "$out/deps/"

echo "windows: a fresh Wine prefix, on a display of its own"
# The display must exist before the prefix boots: Wine's desktop process starts then, and one
# started without a display keeps every later window off screen (a message box returns at once).
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "windows: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -1 "$work/display")"
wineboot -i >/dev/null 2>&1
# Started by hand, its output to /dev/null: a wineserver that a test harness's child starts
# inherits that child's pipes and holds them open, and cargo would wait for it forever.
wineserver -p >/dev/null 2>&1 </dev/null &

echo "windows: the tests, under Wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export WINROLL_REQUIRE_KEYRING=1
cargo test --locked --target "$target" "${packages[@]}" --no-fail-fast "$@"

echo "windows: the desktop app where WebView2 is missing"
tests/windows/webview2_missing.sh "$out/winroll-desktop.exe"

echo "windows: the installers, built as a release builds them (from these debug executables, stripped)"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
older=0.0.1
[ "$older" != "$version" ] || { echo "windows: the upgrade test needs a version above $older" >&2; exit 1; }
installers_started=$SECONDS
# The executables were built above, as the installers package them: not built again.
export WINROLL_INSTALLERS_PREBUILT=1
scripts/build-windows-installers.sh --profile debug --version "$older" >/dev/null
scripts/build-windows-installers.sh --profile debug 2>&1 | tee "$work/installers.log"
grep -q "^UNSIGNED" "$work/installers.log" || { echo "windows: an unsigned build was not reported as unsigned" >&2; exit 1; }
setup="target/windows-installers/Winroll_${version}_x64-setup.exe"
msi="target/windows-installers/Winroll_${version}_x64_en-US.msi"
echo "windows: installers built in $((SECONDS - installers_started)) s; sizes: setup.exe $(stat -c %s "$setup") B, MSI $(stat -c %s "$msi") B"
tests/windows/installers.sh "$version" "$older" "$work/bcryptprimitives.dll"
tests/windows/signing.sh "$setup" "$msi" "$out/winroll.exe"
echo "windows: installers tested in $((SECONDS - installers_started)) s"

echo "windows: credentials left in the Credential Manager for the prefix scan"
marker="LEAKSCAN$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
wine "$out/winroll.exe" profile add leak-scan --base-url https://api.example.com --org acme \
  <<<"token-$marker" >/dev/null
wine "$out/winroll.exe" secret set --tenant-id leak-tenant --client-id leak-client --profile leak-scan \
  <<<"secret-$marker" >/dev/null
# The registry reaches the prefix's files when the server exits.
wineserver -k
wineserver -w
python3 tests/windows/scan_prefix.py "$WINEPREFIX" "$marker"
