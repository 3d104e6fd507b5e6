# Shared by the benchmark scripts (sourced): a fresh sandbox per run, bash's own clock, figures
# that must be numbers, medians, and one command's time and peak memory with its exit status
# checked. Every helper fails the run rather than let a crash or a blank figure read as a pass.

shopt -s inherit_errexit
work=$(mktemp -d)
sandbox_pid=
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
export WINROLL_SANDBOX_TOKEN=bench-token WINROLL_TOKEN=bench-token

fail() { echo "bench: $*" >&2; exit 1; }

# SHORT: the release build measures; a short run (which judges no target) takes the debug build
# the test command has just made, so it costs seconds, not a release build.
build_winroll() {
  if [ "$1" = 1 ]; then
    cargo build --workspace --locked -q --bin winroll
    bin=$PWD/target/debug/winroll
  else
    cargo build --release --locked -q -p winroll-cli
    bin=$PWD/target/release/winroll
  fi
}

fresh_sandbox() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  "$bin" sandbox --port 0 >"$work/sandbox.log" &
  sandbox_pid=$!
  for _ in $(seq 100); do grep -q '^listening on' "$work/sandbox.log" 2>/dev/null && break; sleep 0.05; done
  url=$(sed -n 's/^listening on //p' "$work/sandbox.log")
  [ -n "$url" ] || fail "the sandbox did not start: $(cat "$work/sandbox.log")"
  list="$url/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates"
  endpoint="$list/"
}

# The clock is bash's own: a python or date process per reading added about 0.1 s to every run,
# the same to each tool, which pulled every ratio towards 1.
seconds() { echo "$EPOCHREALTIME"; }
elapsed() { number "$(echo "$EPOCHREALTIME - $1" | bc)"; }

# FIGURE, echoed back when it is a non-negative decimal number; anything else fails the run (bc
# prints an error for a blank figure yet exits 0, which once read as a target met).
number() {
  [[ "$1" =~ ^[0-9]*\.?[0-9]+$ ]] || fail "not a number: '${1}'"
  echo "$1"
}

median() {
  [ "$#" -gt 0 ] || fail "no figures to take the median of"
  local m
  m=$(printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  number "$m"
}

ratio() { number "$(echo "scale=4; $1 / $2" | bc -l | sed 's/^\./0./')"; }

# OUT COMMAND...: runs COMMAND (its output to /dev/null), writes "SECONDS PEAK_KIB" to OUT; fails
# the run when COMMAND fails.
measure() {
  local out=$1
  shift
  /usr/bin/time -o "$out" -f '%e %M' "$@" >/dev/null 2>&1 || fail "failed under measurement: $*"
  local t m
  read -r t m <"$out"
  number "$t" >/dev/null
  number "$m" >/dev/null
}

# COUNT PREFIX FILE [PAD]: NDJSON of small templates, one a line; PAD grows each item.
make_small() {
  python3 - "$1" "$2" "${4:-0}" >"$3" <<'PY'
import json, sys
count, prefix, pad = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    rule = {"name": "All", "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0",
            "winPolicyAssignments": [{"winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": i % 10001}]}
    if pad:
        rule["tags"] = [f"tag-{i}-{k:04d}" for k in range(pad)]
    print(json.dumps({"name": f"{prefix} {i}", "description": "benchmark", "rules": [rule]}))
PY
}

# COUNT PREFIX FILE [SECRET]: NDJSON of the realistic example (examples/corporate-enrollment.json,
# an Entra ID app), each named apart; with SECRET, the client secret written in (curl's bodies).
make_example() {
  python3 - "$1" "$2" "${4:-}" >"$3" <<'PY'
import json, sys
count, prefix, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = json.load(open("examples/corporate-enrollment.json"))
for i in range(count):
    t = dict(base, name=f"{prefix} {i}")
    if secret:
        t["entraId"] = {"mobilityApp": dict(base["entraId"]["mobilityApp"], clientSecret=secret)}
    print(json.dumps(t))
PY
}

# NDJSON FOLDER: one file a template, as `winroll pull` writes them.
split_into_folder() {
  mkdir -p "$2"
  python3 - "$1" "$2" <<'PY'
import json, sys
for i, line in enumerate(open(sys.argv[1])):
    open(f"{sys.argv[2]}/t{i:06d}.json", "w").write(json.dumps(json.loads(line), indent=2) + "\n")
PY
}

# How many templates the sandbox's organization holds.
held() {
  local count
  count=$(curl -sS --fail "$list?limit=1" -H "authorization: Bearer bench-token" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["totalDocs"])')
  number "$count"
}
