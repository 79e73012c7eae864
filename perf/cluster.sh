# Shared by the multi-engine perf scripts (source it): the real broker (Kafka 0.9 through tests/kafka/broker.sh), one
# PostgreSQL (Debian's binaries) and engine processes, all in a temporary directory removed on exit.
# Sets ROOT, WORK, BOOT, OLD (kcat's options for the old broker), PG_PORT, PIDS; defines write_events, new_database,
# start_engine, applied, cleanup.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="$ROOT/src/StreamCx.Host/bin/Release/net10.0/streamcx.dll"
EVENTS_TOOL="$ROOT/perf/StreamCx.Perf.EventFile/bin/Release/net10.0/StreamCx.Perf.EventFile.dll"
WORK="$(mktemp -d /tmp/streamcx-perf-XXXXXX)"
TOKEN="perf-token-0123456789abcdef"
PIDS=()
PG_AS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done
  [[ -f "$WORK/pg/postmaster.pid" ]] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
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

# write_events N: N sample feedback events in event order (perf/StreamCx.Perf.EventFile) to $WORK/events.jsonl, and as
# "siteId<TAB>json" lines for kcat -K to $WORK/keyed.txt
write_events() {
  dotnet "$EVENTS_TOOL" "$1" "$WORK/events.jsonl" "$ROOT/config/sites.json" "$ROOT/config/attributes.json"
  python3 -c '
import json,sys
with open(sys.argv[1]) as f, open(sys.argv[2],"w") as o:
    for line in f: o.write(json.loads(line)["siteId"]+"\t"+line)
' "$WORK/events.jsonl" "$WORK/keyed.txt"
}

# new_database NAME
new_database() { "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"; }

# start_engine PORT TOPIC GROUP DATABASE LOG [--set KEY=VALUE…]: an engine of the group on the topic, its state in the
# database (the settings after LOG last, so they win); its pid joins PIDS
start_engine() {
  dotnet "$ENGINE" run --set "Kafka:BootstrapServers=$BOOT" --set "Kafka:Topics:0=$2" --set "Kafka:GroupId=$3" \
    --set Kafka:Properties:api.version.request=false --set Kafka:Properties:broker.version.fallback=0.9.0 \
    --set Kafka:Properties:session.timeout.ms=10000 --set Simulator:Enabled=false --set "Web:Token=$TOKEN" \
    --set Snapshots:Provider=postgresql --set "Snapshots:ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$4" \
    --set "Urls=http://127.0.0.1:$1" --set Logging:LogLevel:Default=Warning "${@:6}" > "$5" 2>&1 &
  PIDS+=($!)
}

# applied PORT: the events the engine's regions applied (0 while it does not answer)
applied() { curl -s -m 2 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applied"])' 2>/dev/null || echo 0; }
