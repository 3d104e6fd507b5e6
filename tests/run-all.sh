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
# The workspace build turns the app's test hooks on (the start-up benchmark's window needs them),
# so the app is checked once more on its own, as it ships: no code that only hooks use warns there.
cargo clippy -p winroll-desktop --locked -- -D warnings

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
# Removed first: a filter that matched no test would otherwise leave an old corpus to pass on.
rm -f target/roundtrip-corpus.json
cargo test --locked -q -p winroll-core --test properties writes_the_round_trip_corpus >/dev/null
[ -s target/roundtrip-corpus.json ] || { echo "the round-trip corpus was not written" >&2; exit 1; }
npm run --silent typecheck
npm run --silent lint
npm test -- --reporter=dot --allowOnly=false 2>&1 | tee "$logs/vitest.log"

stage "Rust tests, with a real Secret Service"
status=0
tests/with-keyring.sh cargo test --workspace --locked 2>&1 | tee "$logs/cargo-test.log" || status=$?
[ "$status" -eq 0 ] || { echo "Rust tests failed" >&2; exit "$status"; }

stage "benchmarks, short: each script runs end to end and every figure is a number (targets are judged by the full runs)"
tests/bench/batch.sh --short
tests/bench/as_code.sh --short
WINROLL_BENCH_SHORT=1 cargo bench --locked -q -p winroll-core --bench validate -- --test

stage "release build and .deb bundle (tauri build), as shipped"
npx tauri build --bundles deb --ci
ls -l target/release/bundle/deb/*.deb
# Test hooks live behind the test-hooks feature; the binary inside the .deb (what ships) must not
# know their names (tests/hook-names.sh reads them from the code).
deb_root=$(mktemp -d)
dpkg-deb -x "$(ls target/release/bundle/deb/*.deb | head -1)" "$deb_root"
tests/scan-hooks.sh absent "$deb_root/usr/bin/winroll-desktop"
rm -rf "$deb_root"

stage "release build with test hooks, for the end-to-end tests"
tests/build-test-app.sh
# The positive control: the same scan finds every hook in the test-hook build.
tests/scan-hooks.sh present target/release/winroll-desktop

stage "end to end, in the real window"
WINROLL_APP="$PWD/target/release/winroll-desktop" tests/e2e/run.sh 2>&1 | tee "$logs/e2e.log"

# One closing line for the whole run: the runners above each print their own summary, and
# cargo's last line is a doc-test count (often "0 passed"). A suite that ran fewer tests than its
# floor (tests/floors.txt: a runner that found nothing, a filter gone wrong), or that skipped,
# ignored or left a test to do, fails the run: green means every test ran.
cargo_counts() { # log: passed failed ignored
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) g += $i } } END { print p + 0, f + 0, g + 0 }' "$1"
}
windows=$( [ -f "$logs/windows.log" ] && cargo_counts "$logs/windows.log" || echo 0 0 0)
rust=$(cargo_counts "$logs/cargo-test.log")
ui=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/vitest.log" | awk '/Tests +.*[0-9]+ passed/ { for (i = 1; i <= NF; i++) { if ($(i+1) == "passed") p = $i; if ($(i+1) == "failed") f = $i; if ($(i+1) == "skipped" || $(i+1) == "todo") g += $i } } END { print p + 0, f + 0, g + 0 }')
e2e=$(awk '/^ℹ pass / { p = $3 } /^ℹ fail / { f = $3 } /^ℹ (skipped|todo|cancelled) / { g += $3 } END { print p + 0, f + 0, g + 0 }' "$logs/e2e.log")
read -r wp wf wg <<<"$windows"; read -r rp rf rg <<<"$rust"; read -r up uf ug <<<"$ui"; read -r ep ef eg <<<"$e2e"
printf '\nrust %s passed, windows (Wine) %s passed, ui %s passed, e2e %s passed\n' "$rp" "$wp" "$up" "$ep"
short=()
floor() { sed -n "s/^$1 //p" tests/floors.txt; }
check_suite() { # name passed not-run
  [ "$3" -eq 0 ] || short+=("$1: $3 skipped, ignored or todo")
  if printf '%s\n' "${skipped[@]}" | grep -qx "$1"; then return; fi
  [ "$2" -ge "$(floor "$1")" ] || short+=("$1: $2 passed, below its floor of $(floor "$1")")
}
check_suite rust "$rp" "$rg"; check_suite windows "$wp" "$wg"; check_suite ui "$up" "$ug"; check_suite e2e "$ep" "$eg"
if [ "${#skipped[@]}" -gt 0 ]; then
  printf 'all: %d passed, %d failed (skipped on request: %s)\n' $((rp + wp + up + ep)) $((rf + wf + uf + ef)) "${skipped[*]}"
else
  printf 'all: %d passed, %d failed\n' $((rp + wp + up + ep)) $((rf + wf + uf + ef))
fi
if [ "${#short[@]}" -gt 0 ]; then
  printf 'not every test ran: %s\n' "${short[@]}" >&2
  exit 1
fi
