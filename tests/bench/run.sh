#!/usr/bin/env bash
# Builds the release app and the bare comparison window, then runs tests/bench/startup.py under
# Xvfb inside a private D-Bus session (as the app runs on a desktop). Extra arguments go to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${WINROLL_IN_KEYRING_SESSION:-}" != 1 ]; then
  exec tests/with-keyring.sh "$0" "$@"
fi
# Both windows with the test hooks (the ready mark, the blank page), built the same way.
export VITE_WINROLL_TEST_HOOKS=1
TAURI_CONFIG=$(cat src-tauri/tauri.test-hooks.conf.json)
export TAURI_CONFIG
npm run --silent build >/dev/null
cargo build --release --locked -p winroll-desktop -p winroll-blank-window --features winroll-desktop/custom-protocol,winroll-desktop/test-hooks
display=:$((190 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x960x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
DISPLAY=$display python3 tests/bench/startup.py "$@"
