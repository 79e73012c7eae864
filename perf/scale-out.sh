#!/usr/bin/env bash
# Throughput of 1, 2 and 3 engine processes in one consumer group, side by side in one run: the real broker
# (Kafka 0.9 through tests/kafka/broker.sh), one PostgreSQL (Debian's binaries), a feedback topic of 12 partitions
# and a region topic of 12 partitions per group. For each engine count: the same N events are produced first (a
# backlog), then the engines are started and timed until the regions have applied all of them.
#
# usage: perf/scale-out.sh [N=60000]      (after: dotnet build -c Release)
# writes perf/results/scale-out.md
set -euo pipefail
N="${1:-60000}"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

write_events "$N"

RESULTS=()
for k in 1 2 3; do
  topic="scale.feedback.$k"; group="scale.group.$k"
  bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$topic" 12 >/dev/null
  bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$group.regions" 12 >/dev/null
  kcat -P -b "$BOOT" "${OLD[@]}" -t "$topic" -K $'\t' -l "$WORK/keyed.txt"
  new_database "scale$k"
  ports=()
  start=$(date +%s.%N)
  for i in $(seq 1 "$k"); do
    port=$((30000 + k * 10 + i)); ports+=("$port")
    start_engine "$port" "$topic" "$group" "scale$k" "$WORK/engine-$k-$i.log"
  done
  first=""
  while true; do
    total=0; per=()
    for port in "${ports[@]}"; do a=$(applied "$port"); per+=("$a"); total=$((total + a)); done
    now=$(date +%s.%N)
    [[ -z "$first" && $total -gt 0 ]] && first=$now
    [[ $total -ge $N ]] && break
    if (( $(echo "$now - $start > 900" | bc) )); then echo "timed out with $total of $N applied" >&2; exit 1; fi
    sleep 0.5
  done
  end=$(date +%s.%N)
  rate=$(echo "$N / ($end - $first)" | bc)
  RESULTS+=("| $k | ${per[*]} | $(printf '%.1f' "$(echo "$end - $start" | bc)") | $(printf '%.1f' "$(echo "$end - $first" | bc)") | $rate | $(echo "$rate / $k" | bc) |")
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  PIDS=()
done

{
  echo "# Scale-out: throughput with 1, 2 and 3 engines"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, \`perf/scale-out.sh $N\`: $N events (49 sample sites, 6 ratings and an NPS each) produced"
  echo "as a backlog to a feedback topic of 12 partitions; engines in one group (region topic of 12 partitions), real"
  echo "broker (Kafka 0.9), one PostgreSQL; timed until the regions applied them all. All engines share this machine's cores."
  echo
  echo "| engines | applied by each | s from start | s from first applied | events/s in total | events/s per engine |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${RESULTS[@]}"
} > "$ROOT/perf/results/scale-out.md"
cat "$ROOT/perf/results/scale-out.md"
