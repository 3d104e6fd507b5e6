#!/usr/bin/env bash
# Runs a command inside a private D-Bus session whose Secret Service is a fresh, unlocked
# gnome-keyring kept in a temporary folder, so tests store real credentials without touching
# the user's own keyring.
set -euo pipefail
if [ "${WINROLL_IN_KEYRING_SESSION:-}" != 1 ]; then
  exec dbus-run-session -- env WINROLL_IN_KEYRING_SESSION=1 "$0" "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
# The password only unlocks this throw-away keyring.
printf 'winroll-test-keyring' | XDG_DATA_HOME="$keyring_home" \
  gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
export WINROLL_REQUIRE_KEYRING=1
"$@"
