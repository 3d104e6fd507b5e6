#!/usr/bin/env bash
# Builds the release app with its test hooks (the `test-hooks` feature: the editor's ready mark,
# the benchmark's blank page, file dialogs named by WINROLL_TEST_DIALOG_FILE) for the end-to-end
# tests and the start-up benchmark. Replaces target/release/winroll-desktop; never ship it.
set -euo pipefail
cd "$(dirname "$0")/.."
export VITE_WINROLL_TEST_HOOKS=1
npx tauri build --no-bundle --ci --features test-hooks --config src-tauri/tauri.test-hooks.conf.json
