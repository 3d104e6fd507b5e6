#!/usr/bin/env bash
# The Windows stage: the x86_64-pc-windows-gnu build of the CLI, its test suite and the keyring
# tests run under Wine (Debian's wine64) against Wine's Credential Manager, then a scan of the
# whole Wine prefix for credentials in plain text (UTF-8 or UTF-16).
#
# Wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library imports; the
# stand-in built here from tests/windows/bcryptprimitives.c sits beside every test executable.
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
  rm -rf "$work"
}
trap cleanup EXIT

echo "windows: building the tests"
cargo test --locked --target "$target" "${packages[@]}" --no-run

echo "windows: the ProcessPrng stand-in"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
cp "$work/bcryptprimitives.dll" "$out/"
cp "$work/bcryptprimitives.dll" "$out/deps/"

echo "windows: a fresh Wine prefix"
wineboot -i >/dev/null 2>&1
# Started by hand, its output to /dev/null: a wineserver that a test harness's child starts
# inherits that child's pipes and holds them open, and cargo would wait for it forever.
wineserver -p >/dev/null 2>&1 </dev/null &

echo "windows: the tests, under Wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export WINROLL_REQUIRE_KEYRING=1
cargo test --locked --target "$target" "${packages[@]}" --no-fail-fast "$@"

echo "windows: credentials left in the Credential Manager for the prefix scan"
marker="LEAKSCAN$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
wine "$out/winroll.exe" profile add leak-scan --base-url https://api.example.com --org acme \
  <<<"token-$marker" >/dev/null
wine "$out/winroll.exe" secret set --tenant-id leak-tenant --client-id leak-client \
  <<<"secret-$marker" >/dev/null
# The registry reaches the prefix's files when the server exits.
wineserver -k
wineserver -w
python3 tests/windows/scan_prefix.py "$WINEPREFIX" "$marker"
