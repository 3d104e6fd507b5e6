#!/usr/bin/env bash
# Creating N templates (default 1,000) against the sandbox: `winroll create --batch` beside a
# sequential loop of curl posting the same bodies, in one run, and winroll's peak memory for
# N/10 and N items (flat memory means the batch streams rather than piles up).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}
cargo build --release --locked -q -p winroll-cli
bin=$PWD/target/release/winroll
work=$(mktemp -d)
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" sandbox --port 0 --token bench-token >"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 50); do grep -q '^listening on' "$work/sandbox.log" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/sandbox.log")

make_batch() { # COUNT PREFIX FILE
  python3 - "$1" "$2" >"$3" <<'PY'
import json, sys
count, prefix = int(sys.argv[1]), sys.argv[2]
for i in range(count):
    print(json.dumps({"name": f"{prefix} {i}", "description": "benchmark", "rules": [
        {"name": "All", "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0",
         "winPolicyAssignments": [{"winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": i % 10001}]}]}))
PY
}
make_batch "$n" winroll "$work/winroll.ndjson"
make_batch "$n" curl "$work/curl.ndjson"
make_batch "$((n / 10))" small "$work/small.ndjson"

peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
export WINROLL_TOKEN=bench-token

start=$(date +%s.%N)
winroll_peak=$(peak_kib "$bin" create --batch "$work/winroll.ndjson" --base-url "$url" --org winroll-demo --report "$work/r1.ndjson")
winroll_s=$(echo "$(date +%s.%N) - $start" | bc)

small_peak=$(peak_kib "$bin" create --batch "$work/small.ndjson" --base-url "$url" --org 5f0c0ffee0ddba11c0ffee00 --report "$work/r2.ndjson")

endpoint="$url/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates/"
start=$(date +%s.%N)
while IFS= read -r body; do
  curl -sS -o /dev/null -X POST "$endpoint" -H "authorization: Bearer bench-token" -H "content-type: application/json" --data-binary "$body"
done <"$work/curl.ndjson"
curl_s=$(echo "$(date +%s.%N) - $start" | bc)

created=$(grep -c '"status":"created"' "$work/r1.ndjson")
printf 'templates                         %d (winroll created %d)\n' "$n" "$created"
printf 'sequential curl loop              %.2f s\n' "$curl_s"
printf 'winroll create --batch (4 at once) %.2f s\n' "$winroll_s"
printf 'speed-up                          %.1fx (target: at least 10x)\n' "$(echo "$curl_s / $winroll_s" | bc -l)"
printf 'winroll peak RSS: %d items %.1f MiB, %d items %.1f MiB (ratio %.2f; flat is 1)\n' \
  "$((n / 10))" "$(echo "$small_peak / 1024" | bc -l)" "$n" "$(echo "$winroll_peak / 1024" | bc -l)" "$(echo "$winroll_peak / $small_peak" | bc -l)"
