#!/usr/bin/env bash
# Prints, one per line, the names that only a test-hook build may contain: the environment
# variables the test hooks read (WINROLL_TEST_*, WINROLL_PRINT_READY) and the commands in
# command_list.rs's `test_hooks` block. Derived from the code, so a new hook is scanned for
# without anyone remembering to add it.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  grep -rhoE 'WINROLL_(TEST_[A-Z_]+|PRINT_READY)' src-tauri/src
  sed -n '/^    test_hooks {/,/^    }/p' src-tauri/src/command_list.rs | sed -n 's/^        \([a-z_]*\)(.*/\1/p'
} | sort -u
