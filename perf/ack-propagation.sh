#!/usr/bin/env bash
# How long an acknowledgement made on one engine takes to show on another: two engines in one group (the real broker,
# one PostgreSQL, as in production); the first runs the demo's simulator, so alerts come; once the second shows at least
# ACKS alerts, each is acknowledged on the first (POST /api/alerts/{id}/ack, a note of its own) and the second's
# /api/alerts/{id} is read every 5 ms until it carries that note. Reports the time from the POST to the second engine
# showing it (p50, p90, max) and how long the POST itself took.
#
# usage: perf/ack-propagation.sh [ACKS=30]      (after: dotnet build -c Release)
# writes perf/results/ack-propagation.md
set -euo pipefail
ACKS="${1:-30}"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

topic="acks.feedback"; group="acks.group"
bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$topic" 12 >/dev/null
bash "$ROOT/tests/kafka/broker.sh" create-topic "$WORK/kafka" "$group.regions" 12 >/dev/null
new_database acks
start_engine 31011 "$topic" "$group" acks "$WORK/engine-1.log" --set Simulator:Enabled=true
start_engine 31012 "$topic" "$group" acks "$WORK/engine-2.log"

python3 - "$ACKS" "$TOKEN" "$ROOT/perf/results/ack-propagation.md" <<'PY'
import json, sys, time, urllib.request, urllib.error
acks, token, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
one, two = "http://127.0.0.1:31011", "http://127.0.0.1:31012"
def get(url):
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=5) as r: return json.load(r)
def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r: return json.load(r)
deadline = time.time() + 300
ids = []
while time.time() < deadline:
    try:
        ids = [a["alert"]["alertId"] if "alert" in a else a["alertId"] for a in get(two + "/api/alerts")["alerts"]]
    except Exception:
        ids = []
    if len(ids) >= acks: break
    time.sleep(1)
if len(ids) < 5: sys.exit(f"only {len(ids)} open alerts on the second engine after 5 minutes")
ids = ids[:acks]
seen, answered = [], []
for i, alert in enumerate(ids):
    note = f"perf-ack-{i}-{time.time_ns()}"
    t0 = time.perf_counter()
    try:
        post(f"{one}/api/alerts/{alert}/ack", {"by": "perf", "note": note})
    except urllib.error.HTTPError as e:
        if e.code == 409: continue  # resolved meanwhile: nothing to acknowledge
        raise
    answered.append((time.perf_counter() - t0) * 1000)
    while True:
        if note in json.dumps(get(f"{two}/api/alerts/{alert}")): break
        if time.perf_counter() - t0 > 30: sys.exit(f"ack {i} not seen on the second engine within 30 s")
        time.sleep(0.005)
    seen.append((time.perf_counter() - t0) * 1000)
def q(xs, p): return sorted(xs)[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]
row = lambda name, xs: f"| {name} | {q(xs, .5):.0f} | {q(xs, .9):.0f} | {max(xs):.0f} |"
text = f"""# Acknowledgement from one engine to another

`perf/ack-propagation.sh {acks}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: two engines in one group (real broker Kafka 0.9,
one PostgreSQL holding the shared alert log); the first runs the demo's simulator. Up to {acks} open alerts, each acknowledged once on
the first engine; the second engine's `/api/alerts/{{id}}` read every 5 ms until it shows the acknowledgement's note.
Times in ms, from sending the POST ({len(seen)} acknowledgements measured). All on this machine's 2 cores.

| measure | p50 | p90 | max |
|---|---:|---:|---:|
{row("POST answered by engine 1 (written to the log and read back)", answered)}
{row("shown by engine 2", seen)}

The second engine reads the log every 250 ms (`AlertLogFollower.PollInterval`): an acknowledgement shows there within
that interval of being written, plus the read.
"""
open(out, "w").write(text)
print(text)
PY
