#!/usr/bin/env bash
# The Windows desktop app started where the WebView2 Runtime is missing (as under Wine): it must
# show a message box that says what to install, wait for the user, and exit 1, not crash silently.
# Runs inside tests/windows/run.sh: its Wine prefix, its wineserver and its X display.
#
# Usage: webview2_missing.sh PATH/TO/winroll-desktop.exe
set -euo pipefail
exe=$1
title="Winroll cannot start"
[ -n "${DISPLAY:-}" ] || { echo "webview2: no DISPLAY (run through tests/windows/run.sh)" >&2; exit 1; }
err=$(mktemp)
trap 'rm -f "$err"' EXIT

# +win: Wine traces each window's text as it is set, so the box's own text can be read below.
WINEDEBUG=+win WINROLL_HOME=$(mktemp -d) wine "$exe" >/dev/null 2>"$err" &
app_pid=$!

window=""
for _ in $(seq 240); do
  window=$(xdotool search --name "^$title\$" 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.25
done
if [ -z "$window" ]; then
  echo "webview2: no \"$title\" message box appeared; the app said:" >&2
  grep -v ":trace:" "$err" >&2
  kill "$app_pid" 2>/dev/null || true
  exit 1
fi
echo "webview2: the message box \"$title\" is open (window $window)"
# It waits for the user: the process is still there a second later.
sleep 1
kill -0 "$app_pid" 2>/dev/null || { echo "webview2: the app exited without waiting for the user" >&2; exit 1; }

xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
xdotool key --window "$window" Return
status=0
for _ in $(seq 40); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$app_pid" 2>/dev/null; then
  echo "webview2: the app did not exit after OK" >&2
  kill "$app_pid" 2>/dev/null || true
  exit 1
fi
wait "$app_pid" || status=$?
[ "$status" -eq 1 ] || { echo "webview2: exit status $status, expected 1" >&2; exit 1; }
grep -q "needs the Microsoft Edge WebView2 Runtime" "$err" || {
  echo "webview2: the message does not say what to install:" >&2
  grep -v ":trace:" "$err" >&2
  exit 1
}
grep -q "developer.microsoft.com/microsoft-edge/webview2" "$err"
# What the box itself shows (the text Wine set on its static control), not only the app's line on
# standard error: a box that opened empty or with another text must fail.
box=$(grep -o 'set_window_text L"Winroll needs[^"]*' "$err" | head -1 || true)
if [[ "$box" != *"Microsoft Edge WebView2 Runtime"* || "$box" != *"developer.microsoft.com/microsoft-edge/webview2"* ]]; then
  echo "webview2: the message box does not show what to install; its text: ${box:-none}" >&2
  grep 'set_window_text' "$err" | head -5 >&2
  exit 1
fi
echo "webview2: closed with OK, exit 1, and the box names the WebView2 Runtime and where to get it"
