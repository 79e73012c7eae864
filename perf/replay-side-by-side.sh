#!/usr/bin/env bash
# Replay throughput of two builds side by side: BEFORE (a git revision, built into a temporary directory) and this working
# tree (built here), alternating runs of `streamcx replay` on the same event file, wall clock of the whole process.
#   perf/replay-side-by-side.sh BEFORE_REV [ROUNDS=5] [EVENTS=100000]
# Prints one line per run and the medians; the event file comes from perf/StreamCx.Perf.EventFile (seed fixed there).
set -euo pipefail
before_rev="${1:?usage: $0 BEFORE_REV [ROUNDS] [EVENTS]}"
rounds="${2:-5}"
events="${3:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/replay-sbs.XXXXXX)"
trap 'rm -rf "$work"' EXIT

git -C "$root" archive "$before_rev" | tar -x -C "$work" --one-top-level=before
dotnet build -c Release "$work/before/src/StreamCx.Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/StreamCx.Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/perf/StreamCx.Perf.EventFile" -v q -nologo >/dev/null
dotnet "$root/perf/StreamCx.Perf.EventFile/bin/Release/net10.0/StreamCx.Perf.EventFile.dll" "$events" "$work/events.jsonl" >/dev/null

declare -A dll=([before]="$work/before/src/StreamCx.Host/bin/Release/net10.0/streamcx.dll" [after]="$root/src/StreamCx.Host/bin/Release/net10.0/streamcx.dll")
declare -A times=([before]="" [after]="")
for ((r = 1; r <= rounds; r++)); do
  for build in before after; do
    start=$(date +%s.%N)
    dotnet "${dll[$build]}" replay --input "$work/events.jsonl" --output "$work/out-$build.jsonl" >/dev/null 2>&1
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    printf 'round %d %-6s %.2f s\n' "$r" "$build" "$seconds"
    times[$build]+="$seconds "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
b=$(echo "${times[before]}" | median); a=$(echo "${times[after]}" | median)
printf 'median before %.2f s, after %.2f s, after/before %.3f (%s events, %d rounds, before = %s)\n' "$b" "$a" "$(echo "$a / $b" | bc -l)" "$events" "$rounds" "$before_rev"
cmp -s "$work/out-before.jsonl" "$work/out-after.jsonl" && echo "outputs identical" || echo "outputs differ (expected when the change alters alerts)"
