#!/usr/bin/env bash
# End-to-end tests of the real app window: Xvfb for a display, a private D-Bus session with a real
# Secret Service (tests/with-keyring.sh), tauri-driver with Debian's WebKitWebDriver, and node's
# test runner driving the window. WINROLL_APP names the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${WINROLL_IN_KEYRING_SESSION:-}" != 1 ]; then
  exec tests/with-keyring.sh "$0" "$@"
fi

app=${WINROLL_APP:-$PWD/target/release/winroll-desktop}
[ -x "$app" ] || { echo "e2e: no app at $app (build it first)" >&2; exit 1; }
artifacts=$PWD/target/e2e
mkdir -p "$artifacts"
HOME_BEFORE=$HOME
home=$(mktemp -d)
# Outside HOME: the tests write files there that carry a secret on purpose.
exchange=$(mktemp -d)
display=:$((90 + RANDOM % 100))

cleanup() {
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$home" "$exchange"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x960x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
# The app (started by tauri-driver) gets a private HOME, so the leak scan sees everything it wrote.
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache XDG_STATE_HOME=$home/.local/state
export WINROLL_APP=$app WINROLL_E2E_HOME=$home WINROLL_E2E_ARTIFACTS=$artifacts
export WINROLL_TEST_DIALOG_FILE=$exchange/template.json WINROLL_TEST_DIALOG_FOLDER=$exchange/folder
# The answer to "may this stored client secret go there?" (once, always, anything else: cancel).
export WINROLL_TEST_ALLOW_FILE=$exchange/allow.answer
# Milliseconds each validation answer waits, while this file exists (the typing-race test).
export WINROLL_TEST_VALIDATE_DELAY_FILE=$exchange/validate-delay.ms
# The tests read the in-process sandbox's request counts (its /_sandbox/stats) with this token.
WINROLL_TEST_SANDBOX_TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export WINROLL_TEST_SANDBOX_TOKEN
# Short enough that the "slow server" sandbox organization makes a create time out after sending.
export WINROLL_TIMEOUT_SECS=3
# WebKit's sandbox needs user namespaces that a CI container may not allow.
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
# Exported: the keyring-down test starts a second tauri-driver of its own.
export PATH="$PATH:${CARGO_HOME:-$HOME_BEFORE/.cargo}/bin"
WINROLL_E2E_NATIVE_DRIVER=$(command -v WebKitWebDriver)
export WINROLL_E2E_NATIVE_DRIVER
tauri-driver --port 4444 --native-driver "$WINROLL_E2E_NATIVE_DRIVER" >"$artifacts/tauri-driver.log" 2>&1 &
driver_pid=$!
# Test files may be named (tests/e2e/files.test.mjs); all of them by default, named one by one
# (Node 22 and later read a folder argument as a file and fail).
if [ $# -eq 0 ]; then set -- tests/e2e/*.test.mjs; fi
node --test --test-concurrency=1 --test-reporter=spec "$@"
