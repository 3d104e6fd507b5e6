#!/usr/bin/env bash
# Every check and test of the project, as CI runs them. Prints a summary line per stage.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

stage() { printf '\n=== %s\n' "$*"; }

stage "format"
cargo fmt --all --check

stage "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "Windows compile check (x86_64-pc-windows-gnu)"
if rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu; then
  cargo check --workspace --locked --target x86_64-pc-windows-gnu
else
  echo "WARNING: the x86_64-pc-windows-gnu target is not installed: Windows check SKIPPED" >&2
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

stage "tests, with a real Secret Service"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
tests/with-keyring.sh cargo test --workspace --locked 2>&1 | tee "$log" || status=$?
# cargo's last line is a doc-test summary (often "0 passed"); close with the whole run's totals.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "\nrust: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
