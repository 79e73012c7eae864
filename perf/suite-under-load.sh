#!/usr/bin/env bash
# The whole test suite several times in a row beside two CPU-bound busy loops, as on a busy 2-core CI machine
# (issue 16's "Show"). Stops at the first red run. Run it on a clean clone: it builds and tests that tree.
#
#   perf/suite-under-load.sh [runs, default 3] [log directory, default /tmp]
#
# Prints one line per run: its exit code, wall time and the suite's last line ("N passed, N failed").
set -uo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
LOGS="${2:-/tmp}"
busy() { while :; do :; done; }
busy & B1=$!
busy & B2=$!
trap 'kill $B1 $B2 2>/dev/null' EXIT
cd "$REPO_ROOT"
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  echo "run $i start $(date -u +%H:%M:%S) commit $(git rev-parse --short HEAD)"
  bash tests/test.sh > "$LOGS/suite-under-load-run$i.log" 2>&1
  rc=$?
  end=$(date +%s)
  echo "run $i rc=$rc wall=$(( (end-start)/60 )) min $(( (end-start)%60 )) s: $(tail -1 "$LOGS/suite-under-load-run$i.log")"
  [ $rc -ne 0 ] && break
done
