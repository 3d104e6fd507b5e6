#!/usr/bin/env bash
# Every check and test of the project, as CI runs them: formatting, lints, the Windows stage
# under Wine, generated files, unit and integration tests (with a real Secret Service), the release
# build with its .deb, and the end-to-end tests in the real window. Ends with one totals line.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

stage() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

stage "format (Rust, TypeScript, CSS)"
cargo fmt --all --check
npm run --silent format:check

stage "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "dependencies: licences, bans and sources (deny.toml)"
cargo deny --locked check licenses bans sources

stage "hosted workflows: least privilege, no persisted credentials, pinned actions"
python3 tests/check-workflows.py

stage "Windows (x86_64-pc-windows-gnu) under Wine: CLI, use cases, files, keyring; the desktop app's start-up"
# A missing target or Wine fails the run; skipping must be asked for, and the totals line names it.
skipped=()
if [ "${WINROLL_SKIP_WINDOWS:-}" = 1 ]; then
  echo "Windows stage SKIPPED (WINROLL_SKIP_WINDOWS=1)" >&2
  skipped+=("windows")
elif rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu && command -v wine >/dev/null; then
  windows_started=$SECONDS
  tests/windows/run.sh 2>&1 | tee "$logs/windows.log"
  echo "Windows stage took $((SECONDS - windows_started)) s"
else
  echo "the x86_64-pc-windows-gnu target or Wine is missing (scripts/setup-debian.sh installs both); set WINROLL_SKIP_WINDOWS=1 to skip on purpose" >&2
  exit 1
fi

stage "TypeScript bindings and JSON Schema are generated from the Rust types"
rm -rf ui/src/bindings
# `cargo test` below rewrites ui/src/bindings through ts-rs; build them first so a failing test
# elsewhere cannot hide a stale binding.
cargo test --workspace --locked --lib export_bindings -q >/dev/null
if ! git diff --exit-code --stat -- ui/src/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
  echo "ui/src/bindings is stale: run 'cargo test' and commit ui/src/bindings" >&2
  git ls-files --others --exclude-standard ui/src/bindings >&2
  exit 1
fi
echo "bindings up to date"

stage "UI: type check, lint, unit tests"
# The editor's round trip runs over 5,000 templates from the Rust property generator.
cargo test --locked -q -p winroll-core --test properties writes_the_round_trip_corpus >/dev/null
npm run --silent typecheck
npm run --silent lint
npm test -- --reporter=dot 2>&1 | tee "$logs/vitest.log"

stage "Rust tests, with a real Secret Service"
status=0
tests/with-keyring.sh cargo test --workspace --locked 2>&1 | tee "$logs/cargo-test.log" || status=$?
[ "$status" -eq 0 ] || { echo "Rust tests failed" >&2; exit "$status"; }

stage "benchmarks, short: each script runs end to end and every figure is a number (targets are judged by the full runs)"
tests/bench/batch.sh --short
tests/bench/as_code.sh --short

stage "release build and .deb bundle (tauri build), as shipped"
npx tauri build --bundles deb --ci
ls -l target/release/bundle/deb/*.deb
# Test hooks live behind the test-hooks feature; the shipped binary must not know their names.
if strings target/release/winroll-desktop | grep -E 'WINROLL_TEST_DIALOG_FILE|WINROLL_PRINT_READY|WINROLL_TEST_SANDBOX_TOKEN|blank\.html'; then
  echo "the shipped binary carries a test hook" >&2
  exit 1
fi
echo "no test hook in the shipped binary"

stage "release build with test hooks, for the end-to-end tests"
tests/build-test-app.sh

stage "end to end, in the real window"
WINROLL_APP="$PWD/target/release/winroll-desktop" tests/e2e/run.sh 2>&1 | tee "$logs/e2e.log"

# One closing line for the whole run: the runners above each print their own summary, and
# cargo's last line is a doc-test count (often "0 passed").
windows=$( [ -f "$logs/windows.log" ] && awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p + 0, f + 0 }' "$logs/windows.log" || echo 0 0)
rust=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p + 0, f + 0 }' "$logs/cargo-test.log")
ui=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/vitest.log" | awk '/Tests +[0-9]+ passed/ { for (i = 1; i <= NF; i++) if ($(i+1) == "passed") p = $i } /Tests .*[0-9]+ failed/ { for (i = 1; i <= NF; i++) if ($(i+1) == "failed") f = $i } END { print p + 0, f + 0 }')
e2e=$(awk '/^ℹ pass / { p = $3 } /^ℹ fail / { f = $3 } END { print p + 0, f + 0 }' "$logs/e2e.log")
read -r wp wf <<<"$windows"; read -r rp rf <<<"$rust"; read -r up uf <<<"$ui"; read -r ep ef <<<"$e2e"
printf '\nrust %s passed, windows (Wine) %s passed, ui %s passed, e2e %s passed\n' "$rp" "$wp" "$up" "$ep"
if [ "${#skipped[@]}" -gt 0 ]; then
  printf 'all: %d passed, %d failed (skipped on request: %s)\n' $((rp + wp + up + ep)) $((rf + wf + uf + ef)) "${skipped[*]}"
else
  printf 'all: %d passed, %d failed\n' $((rp + wp + up + ep)) $((rf + wf + uf + ef))
fi
