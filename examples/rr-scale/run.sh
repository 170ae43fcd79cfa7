#!/usr/bin/env bash
# Route-reflector scale figures: one reflector and 200 clients, each client announcing one /26,
# all on loopback (the reflector at 127.0.0.1, the clients at 127.1.0.0/16, one TCP port above
# 1024). The run is done twice, first with jbgp as the reflector (`jbgp run --no-fib`, a
# standalone reflector configured from Calico resources), then with BIRD 2 (configured as
# Calico's confd configures a reflector's BIRD, without a kernel protocol). The same 200 jbgp
# clients run in one driver JVM (dev.jbgp.examples.scale.RrScale), a fresh one for each
# reflector, and count the blocks they learn. Before the measured run the driver warms itself
# up: twice, 200 clients converge through a jbgp reflector inside the driver JVM and stop, so
# that the measured clients run compiled code (cold, they spend about twice the CPU time and on
# two cores set the pace for either reflector). The reflector under test always starts cold.
#
# For each reflector the table shows:
#   - launch -> listening: from starting the reflector's process until its port listens
#   - connect -> Established / converged: from the clients' connecting until every session is
#     Established, and until every client holds all other clients' blocks (each with the
#     owner's address as next hop)
#   - the reflector's CPU time (utime + stime of /proc/PID/stat) and resident memory (VmRSS and
#     the peak VmHWM of /proc/PID/status), when listening, at convergence and 5 s later
#   - the client JVM's own CPU time, so that one sees how much of the machine the clients took
#   - how many TCP handshakes the kernel dropped because a listener's accept queue was full
#     (TcpExtListenOverflows, counted for the whole machine): 200 clients connect at once, and
#     a reflector that listens with a short backlog makes some of them wait for TCP to retry
# and, last, the ratio jbgp/BIRD. The reflector is a process of its own: its figures do not
# include the clients.
#
# Needs JDK 25, Maven and BIRD 2 (Debian: bird2; installed when missing and run as root). No
# root is needed otherwise: nothing but loopback sockets. Builds what it needs quietly first.
#
#   examples/rr-scale/run.sh
#   RR_SCALE_CLIENTS=50 examples/rr-scale/run.sh          fewer clients
#   RR_SCALE_TIMEOUT=600                                   the longest one run may take to converge, seconds
#   RR_SCALE_WARM_UP_ROUNDS=2                              rehearsals before each measured run
#   JBGP_JAVA_OPTS="..."                                   the jbgp reflector's JVM options
#                                                          (default: the lab's small node JVM)
#   RR_SCALE_KEEP=1                                        keep the configurations and logs
set -euo pipefail

CLIENTS=${RR_SCALE_CLIENTS:-200}
TIMEOUT=${RR_SCALE_TIMEOUT:-600}
WARM_UP_ROUNDS=${RR_SCALE_WARM_UP_ROUNDS:-2}

cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=$ROOT/peering/target/jbgp.jar

say() { printf '%s\n' "$*" >&2; }
die() { say "rr-scale: $*"; exit 1; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
JAVA=
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/temurin-25*/bin/java; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" = 25 ]; then
    JAVA=$candidate
    break
  fi
done
[ -n "$JAVA" ] || die "needs JDK 25 (set JAVA_HOME)"

BIRD=$(command -v bird || echo /usr/sbin/bird)
if [ ! -x "$BIRD" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # Installed without starting Debian's bird service: a policy-rc.d answering 101 ("action
  # forbidden") keeps the package from starting it.
  say "installing bird2"
  policy_rc_d=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy_rc_d=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy_rc_d" && chmod 755 "$policy_rc_d"
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bird2 >/dev/null; } || true
  [ -z "$policy_rc_d" ] || rm -f "$policy_rc_d"
  if [ -d /run/systemd/system ]; then
    systemctl disable --now bird.service >/dev/null 2>&1 || true
  fi
fi
[ -x "$BIRD" ] || die "needs BIRD 2 (Debian: apt-get install bird2)"

say "building jbgp and the driver"
JAVA_HOME=$(dirname "$(dirname "$JAVA")") mvn -B -ntp -q -Dstyle.color=never -pl examples -am package -DskipTests >&2 \
  || die "the build failed"

WORK=$(mktemp -d /tmp/jbgp-rr-scale.XXXXXX)
DRIVER_PID=

# Stops, by PID, the driver and the reflector it started (the driver stops it itself, unless
# it was killed), and removes the work directory.
cleanup() {
  local pid
  if [ -n "$DRIVER_PID" ] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$DRIVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$DRIVER_PID" 2>/dev/null || true
  fi
  for file in "$WORK"/*/reflector.pid; do
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "${RR_SCALE_KEEP:-}" ]; then
    say "configurations and logs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DRIVER=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$ROOT/examples/target/classes:$JAR" dev.jbgp.examples.scale.RrScale)

run_one() { # run_one REFLECTOR EXTRA-ARGS...: one run in a fresh driver JVM
  local reflector=$1 status=0
  shift
  mkdir -p "$WORK/$reflector"
  # The driver bounds each of its waits; timeout(1) bounds the driver, in case it hangs elsewhere.
  timeout --kill-after=10 $(((WARM_UP_ROUNDS + 1) * TIMEOUT + 120)) "${DRIVER[@]}" run --reflector "$reflector" \
    --clients "$CLIENTS" --timeout-seconds "$TIMEOUT" --warm-up-rounds "$WARM_UP_ROUNDS" \
    --work "$WORK/$reflector" --out "$WORK/$reflector.result" "$@" < /dev/null &
  DRIVER_PID=$!
  wait "$DRIVER_PID" || status=$?
  DRIVER_PID=
  return "$status"
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=()
run_one jbgp --jbgp-jar "$JAR" ${JBGP_JAVA_OPTS:+--jbgp-java-opts "$JBGP_JAVA_OPTS"} || failed+=(jbgp)
run_one bird --bird "$BIRD" || failed+=(bird)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "Route-reflector scale run, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "Linux $(uname -r)"
echo "java:    $("$JAVA" -version 2>&1 | head -n 1)"
echo "bird:    $("$BIRD" --version 2>&1 | head -n 1)"
echo "load average before: $load_before, after: $load_after"
echo
if [ ${#failed[@]} -gt 0 ]; then
  die "the run with ${failed[*]} as the reflector failed (see above)"
fi
"${DRIVER[@]}" table "$WORK/jbgp.result" "$WORK/bird.result"
