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
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="$ROOT/src/StreamCx.Host/bin/Release/net10.0/streamcx.dll"
EVENTS_TOOL="$ROOT/perf/StreamCx.Perf.EventFile/bin/Release/net10.0/StreamCx.Perf.EventFile.dll"
WORK="$(mktemp -d /tmp/streamcx-scale-XXXXXX)"
TOKEN="scale-out-token-0123456789"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done
  [[ -f "$WORK/pg/postmaster.pid" ]] && "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  bash "$ROOT/tests/kafka/broker.sh" stop "$WORK/kafka" >/dev/null 2>&1 || true
}
trap cleanup EXIT

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PG_PORT=$((20000 + RANDOM % 10000))
if [[ $EUID -eq 0 ]]; then PG_AS=(runuser -u postgres --); mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" "$WORK"; else PG_AS=(); fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres --no-sync >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PG_PORT -h 127.0.0.1 -k $WORK/pg -F" start >/dev/null

bash "$ROOT/tests/kafka/broker.sh" install >/dev/null
bash "$ROOT/tests/kafka/broker.sh" start "$WORK/kafka" >/dev/null
BOOT="$(cat "$WORK/kafka/bootstrap")"
OLD=(-X api.version.request=false -X broker.version.fallback=0.9.0)

dotnet "$EVENTS_TOOL" "$N" "$WORK/events.jsonl" "$ROOT/config/sites.json" "$ROOT/config/attributes.json"
python3 -c '
import json,sys
with open(sys.argv[1]) as f, open(sys.argv[2],"w") as o:
    for line in f: o.write(json.loads(line)["siteId"]+"\t"+line)
' "$WORK/events.jsonl" "$WORK/keyed.txt"

applied() { curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applied"])' 2>/dev/null || echo 0; }

RESULTS=()
for k in 1 2 3; do
  topic="scale.feedback.$k"; group="scale.group.$k"
  bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$topic" 12 >/dev/null
  bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$group.regions" 12 >/dev/null
  kcat -P -b "$BOOT" "${OLD[@]}" -t "$topic" -K $'\t' -l "$WORK/keyed.txt"
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "scale$k"
  ports=()
  start=$(date +%s.%N)
  for i in $(seq 1 "$k"); do
    port=$((30000 + k * 10 + i)); ports+=("$port")
    dotnet "$ENGINE" run --set "Kafka:BootstrapServers=$BOOT" --set "Kafka:Topics:0=$topic" --set "Kafka:GroupId=$group" \
      --set Kafka:Properties:api.version.request=false --set Kafka:Properties:broker.version.fallback=0.9.0 \
      --set Kafka:Properties:session.timeout.ms=10000 --set Simulator:Enabled=false --set "Web:Token=$TOKEN" \
      --set Snapshots:Provider=postgresql --set "Snapshots:ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=scale$k" \
      --set "Urls=http://127.0.0.1:$port" --set Logging:LogLevel:Default=Warning > "$WORK/engine-$k-$i.log" 2>&1 &
    PIDS+=($!)
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
