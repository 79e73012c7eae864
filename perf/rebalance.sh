#!/usr/bin/env bash
# What a rebalance costs under live traffic: events are produced at a steady RATE (per second, in event order) to a
# feedback topic of 12 partitions, two engines consume them (one group, region topic of 12 partitions, one PostgreSQL,
# the real broker); after WARM seconds a third engine joins, and after as long again the first is killed with SIGKILL.
# Every 250 ms the script records what was produced and what each engine's regions applied; for each change it reports
# the longest time the whole group applied nothing (seconds without progress, so without alerts), the most events
# waiting, and how long until the backlog was back to its steady level.
#
# usage: perf/rebalance.sh [RATE=300] [WARM=40]      (after: dotnet build -c Release)
# writes perf/results/rebalance.md (the timeline in perf/results/rebalance.csv)
set -euo pipefail
RATE="${1:-300}"
WARM="${2:-40}"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

N=$((RATE * (WARM * 3 + 30)))
write_events "$N"
topic="rebalance.feedback"; group="rebalance.group"
bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$topic" 12 >/dev/null
bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$group.regions" 12 >/dev/null
new_database rebalance

ports=(31001 31002 31003)
start_engine "${ports[0]}" "$topic" "$group" rebalance "$WORK/engine-1.log"; first_pid=${PIDS[-1]}
start_engine "${ports[1]}" "$topic" "$group" rebalance "$WORK/engine-2.log"
until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[0]}/health/ready") == 200 && \
         $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[1]}/health/ready") == 200 ]]; do sleep 0.5; done

# the paced producer: RATE lines a second into kcat, the count produced so far in $WORK/produced
python3 -c '
import sys, time
rate, path, counter = int(sys.argv[1]), sys.argv[2], sys.argv[3]
start, sent = time.monotonic(), 0
with open(path) as lines:
    for line in lines:
        while sent >= rate * (time.monotonic() - start): time.sleep(0.01)
        sys.stdout.write(line); sent += 1
        if sent % max(1, rate // 10) == 0:
            sys.stdout.flush()
            with open(counter + ".tmp", "w") as c: c.write(str(sent))
            import os; os.replace(counter + ".tmp", counter)
sys.stdout.flush()
' "$RATE" "$WORK/keyed.txt" "$WORK/produced" | kcat -P -b "$BOOT" "${OLD[@]}" -X linger.ms=5 -t "$topic" -K $'\t' &
PRODUCER=$!

CSV="$ROOT/perf/results/rebalance.csv"
# the sampler: every 250 ms what was produced and what each engine applied (a killed engine keeps its last count), with
# the change the script made since the row before ($WORK/change)
python3 - "$CSV" "$WORK" "$TOKEN" "${ports[@]}" <<'PY' &
import json, os, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
csv_path, work, token, ports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
last = [0] * len(ports)
def applied(port):
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/status", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=1) as r: return json.load(r)["applied"]
    except Exception: return None
start = time.monotonic()
with open(csv_path, "w") as out, ThreadPoolExecutor(len(ports)) as pool:
    out.write("seconds,produced," + ",".join(f"applied{i + 1}" for i in range(len(ports))) + ",change\n")
    while not os.path.exists(f"{work}/stop"):
        t = time.monotonic() - start
        for i, a in enumerate(pool.map(applied, ports)):
            if a: last[i] = a
        try: produced = int(open(f"{work}/produced").read())
        except Exception: produced = 0
        change = ""
        if os.path.exists(f"{work}/change"):
            change = open(f"{work}/change").read().strip(); os.remove(f"{work}/change")
        out.write(f"{t:.2f},{produced}," + ",".join(map(str, last)) + f",{change}\n"); out.flush()
        time.sleep(max(0, 0.25 - (time.monotonic() - start - t)))
PY
SAMPLER=$!
sleep "$WARM"
start_engine "${ports[2]}" "$topic" "$group" rebalance "$WORK/engine-3.log"; echo join > "$WORK/change"
sleep "$WARM"
kill -9 "$first_pid"; echo kill > "$WORK/change"
sleep "$WARM"
touch "$WORK/stop"; wait "$SAMPLER"
kill "$PRODUCER" 2>/dev/null || true

python3 - "$CSV" "$RATE" "$WARM" > "$ROOT/perf/results/rebalance.md" <<'PY'
import csv, sys, statistics, datetime, os
rows = list(csv.DictReader(open(sys.argv[1])))
rate, warm = int(sys.argv[2]), int(sys.argv[3])
t = [float(r["seconds"]) for r in rows]
joined = next(float(r["seconds"]) for r in rows if r["change"] == "join")
killed = next(float(r["seconds"]) for r in rows if r["change"] == "kill")
produced = [int(r["produced"]) for r in rows]
applied = [int(r["applied1"]) + int(r["applied2"]) + int(r["applied3"]) for r in rows]
waiting = [p - a for p, a in zip(produced, applied)]
def phase(at, until, name):
    i0 = next(i for i, x in enumerate(t) if x >= at)
    i1 = next((i for i, x in enumerate(t) if x >= until), len(t))
    before = [w for x, w in zip(t, waiting) if at - 15 <= x < at] or [0]
    steady = statistics.median(before)
    stall, since = 0.0, None
    for i in range(i0, i1):
        if i > 0 and applied[i] == applied[i - 1]:
            since = t[i - 1] if since is None else since
            stall = max(stall, t[i] - since)
        else:
            since = None
    peak_i = max(range(i0, i1), key=lambda i: waiting[i])
    back = next((t[i] - at for i in range(peak_i, i1) if waiting[i] <= steady + rate), None)
    return f"| {name} | {steady:.0f} | {stall:.1f} | {waiting[peak_i]} ({waiting[peak_i] / rate:.1f} s of traffic) | " + (f"{back:.1f}" if back is not None else f"not within {until - at:.0f} s") + " |"
print("# What a rebalance costs under live traffic")
print()
print(f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, `perf/rebalance.sh {rate} {warm}`: {rate} events/s produced in event order")
print("to a feedback topic of 12 partitions (the 49 sample sites); two engines consume them (one group, region topic of 12")
print(f"partitions, one PostgreSQL, real broker Kafka 0.9, `session.timeout.ms` 10 s); at {warm} s a third engine joins; at {2 * warm} s the")
print("first is killed with SIGKILL. The three engines share this machine's cores with the broker, PostgreSQL and the producer.")
print()
print("| change | events waiting before (median of the 15 s before) | longest time the group applied nothing (s) | most events waiting | back to the steady backlog after (s) |")
print("|---|---|---|---|---|")
print(phase(joined, killed, "a third engine joins"))
print(phase(killed, t[-1], "the first engine is killed (SIGKILL)"))
print()
print(f"Sampled every 250 ms ({len(rows)} samples over {t[-1]:.0f} s): `perf/results/rebalance.csv` (seconds, produced, applied by each engine, the change).")
PY
cat "$ROOT/perf/results/rebalance.md"
