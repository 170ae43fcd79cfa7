#!/usr/bin/env bash
# The seeds' lab in network namespaces: three Calico nodes running jbgp and host1, an external
# router running BIRD 2, on one LAN (198.19.0.0/20).
#
#   control 198.19.0.1   node1 198.19.0.2   node2 198.19.0.3   host1 198.19.15.254 (AS 64512)
#
# Each node runs `jbgp run --config examples/lab/lab.yaml --node <name>` in its own namespace;
# once node1's sessions to control, node2 and host1 are Established the script prints node1's
# `jbgp status` and `ip route`, then tears everything down. Nothing is added to the root
# namespace: the LAN is a bridge in a namespace of its own, each node's eth0 one end of a veth
# pair into it, and no namespace has a route out.
#
# With `rr`, the same lab with route reflection (examples/lab/lab-rr.yaml): the node-to-node mesh
# off, control the route reflector of node1 and node2, host1 peering with control only. The script
# waits until node1's session to control is Established and node1's kernel holds the other nodes'
# blocks learned through control, each via the node that owns it (node2's block via node2, not via
# control), and prints node1's `jbgp status` and `ip route` and host1's `ip route`.
#
# Needs root, iproute2, BIRD 2 (Debian: bird2) and JDK 25; builds peering/target/jbgp.jar with
# Maven when it is missing.
#
#   sudo examples/lab/lab.sh          run the lab
#   sudo examples/lab/lab.sh rr       run the lab with control as the route reflector
#   JBGP_LAB_WITHOUT_JBGP=1 ...       build the lab and start host1 only, check that host1 reaches
#                                     every node it peers with, and stop there
#   sudo examples/lab/lab.sh clean    remove what a lab killed before its clean-up left behind
set -euo pipefail

PREFIX=jbgp-lab-
NODES=(control node1 node2)
declare -A ADDRESS=([control]=198.19.0.1 [node1]=198.19.0.2 [node2]=198.19.0.3 [host1]=198.19.15.254)
AS=64512
ADMIN=127.0.0.1:9179
WAIT_SECONDS=${JBGP_LAB_WAIT_SECONDS:-120}

cd "$(dirname "$0")/../.."
ROOT=$PWD
CONFIG=$ROOT/examples/lab/lab.yaml
REFLECTOR=control
JAR=$ROOT/peering/target/jbgp.jar

say() { printf '%s\n' "$*" >&2; }
die() { say "lab: $*"; exit 1; }

ns() { printf '%s%s' "$PREFIX" "$1"; }

# Kills, by PID, whatever still runs in one of the lab's namespaces, then deletes it.
remove_namespace() {
  local name=$1 pid
  for pid in $(ip netns pids "$name" 2>/dev/null); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  ip netns del "$name" 2>/dev/null || true
}

lab_namespaces() {
  ip netns list 2>/dev/null | awk -v p="$PREFIX" 'index($1, p) == 1 { print $1 }'
}

[ "$(id -u)" = 0 ] || die "the lab creates network namespaces: run it as root"
command -v ip >/dev/null || die "needs iproute2's ip"

if [ "${1:-}" = clean ]; then
  for name in $(lab_namespaces); do
    say "removing $name"
    remove_namespace "$name"
  done
  exit 0
fi
MODE=mesh
if [ "${1:-}" = rr ]; then
  MODE=rr
  CONFIG=$ROOT/examples/lab/lab-rr.yaml
  shift
fi
[ $# = 0 ] || die "usage: $0 [rr | clean]"
# host1's BGP sessions: with every node on the mesh, with the route reflector alone in rr mode.
if [ "$MODE" = rr ]; then
  HOST1_PEERS=("$REFLECTOR")
else
  HOST1_PEERS=("${NODES[@]}")
fi
[ -z "$(lab_namespaces)" ] || die "namespaces $PREFIX* exist: a lab is running, or one was killed; '$0 clean' removes them"

BIRD=$(command -v bird || echo /usr/sbin/bird)
BIRDC=$(command -v birdc || echo /usr/sbin/birdc)
if { [ ! -x "$BIRD" ] || [ ! -x "$BIRDC" ]; } && command -v apt-get >/dev/null; then
  # host1, the external router, runs BIRD 2. Installed without starting Debian's bird service:
  # a policy-rc.d answering 101 ("action forbidden") keeps the package from starting it.
  say "installing bird2 for host1"
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
[ -x "$BIRD" ] && [ -x "$BIRDC" ] || die "needs BIRD 2 for host1 (Debian: apt-get install bird2)"

# Processes the lab started, by PID, and namespaces it created: what the clean-up undoes.
PIDS=()
CREATED=()
WORK=$(mktemp -d /tmp/jbgp-lab.XXXXXX)
KEEP_WORK=

cleanup() {
  local status=$? pid i
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for name in "${CREATED[@]}"; do
    remove_namespace "$name"
  done
  if [ -n "$KEEP_WORK" ]; then
    say "logs and configuration kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the LAN: a bridge in its own namespace, a veth from it to each node's eth0 ----------------
sw=$(ns sw)
ip netns add "$sw"
CREATED+=("$sw")
ip -n "$sw" link set lo up
ip -n "$sw" link add br0 type bridge
ip -n "$sw" link set br0 up
port=0
for node in "${NODES[@]}" host1; do
  name=$(ns "$node")
  ip netns add "$name"
  CREATED+=("$name")
  port=$((port + 1))
  # Both ends are made in the switch namespace and one is moved: the root namespace never sees them.
  ip -n "$sw" link add "port$port" type veth peer name eth0 netns "$name"
  ip -n "$sw" link set "port$port" master br0 up
  ip -n "$name" link set lo up
  ip -n "$name" link set eth0 up
  ip -n "$name" addr add "${ADDRESS[$node]}/20" dev eth0
done

# --- host1: BIRD 2 as the external router, iBGP (AS 64512) with each node, or with control (rr) --
cat > "$WORK/host1.conf" <<EOF
log stderr all;
router id ${ADDRESS[host1]};

protocol device { scan time 2; }
protocol direct { ipv4; interface "eth0"; }

# What host1 learns goes into its kernel table too, so 'ip netns exec $(ns host1) ip route'
# shows the nodes' blocks.
protocol kernel {
  persist;
  scan time 2;
  metric 0;
  ipv4 { import none; export where source = RTS_BGP; };
}

template bgp calico_node {
  local ${ADDRESS[host1]} as $AS;
  connect delay time 1;
  connect retry time 2;
  error wait time 1,5;
  graceful restart on;
  ipv4 { import all; export none; };
}
EOF
for node in "${HOST1_PEERS[@]}"; do
  printf 'protocol bgp %s from calico_node { neighbor %s as %s; }\n' "$node" "${ADDRESS[$node]}" "$AS" \
    >> "$WORK/host1.conf"
done
"$BIRD" -p -c "$WORK/host1.conf" || die "BIRD refuses $WORK/host1.conf"
ip netns exec "$(ns host1)" "$BIRD" -f -c "$WORK/host1.conf" -s "$WORK/host1.ctl" > "$WORK/host1.log" 2>&1 &
PIDS+=($!)
BIRD_PID=$!
birdc_host1() { timeout 10 ip netns exec "$(ns host1)" "$BIRDC" -s "$WORK/host1.ctl" "$@" < /dev/null; }
for ((i = 0; i < 50; i++)); do
  birdc_host1 show status >/dev/null 2>&1 && break
  sleep 0.2
done
birdc_host1 show status >/dev/null 2>&1 || { KEEP_WORK=1; tail -n 20 "$WORK/host1.log" >&2; die "BIRD on host1 did not start"; }

if [ "${JBGP_LAB_WITHOUT_JBGP:-}" = 1 ]; then
  # Nothing listens on the nodes yet: each of host1's connections is refused, which shows that
  # host1 reaches every node it peers with over the LAN.
  refused() { [ "$(birdc_host1 show protocols | grep -c 'Connection refused')" = "${#HOST1_PEERS[@]}" ]; }
  for ((i = 0; i < 100; i++)); do
    refused && break
    sleep 0.2
  done
  echo "host1\$ birdc show protocols"
  birdc_host1 show protocols
  refused || die "host1 does not reach every node"
  say "lab built; stopping before jbgp (JBGP_LAB_WITHOUT_JBGP=1)"
  exit 0
fi

# --- jbgp on each node -----------------------------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
JAVA=
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/temurin-25*/bin/java; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" = 25 ]; then
    JAVA=$candidate
    break
  fi
done
[ -n "$JAVA" ] || die "needs JDK 25 (set JAVA_HOME)"
if [ ! -f "$JAR" ]; then
  say "building $JAR"
  JAVA_HOME=$(dirname "$(dirname "$JAVA")") mvn -B -ntp -q -Dstyle.color=never -pl peering -am package -DskipTests >&2
fi

jbgp() { # jbgp NODE ARGS...: a jbgp command in the node's namespace
  local node=$1
  shift
  timeout 60 ip netns exec "$(ns "$node")" "$JAVA" -jar "$JAR" "$@" < /dev/null
}

# A node daemon's JVM, kept small: a small heap with the serial collector, compact object
# headers, the C1 compiler only with a small code cache, one Netty buffer arena (a node carries
# hundreds of routes, not millions). JBGP_JAVA_OPTS overrides.
DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms8m -Xmx64m -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1"
DEFAULT_JAVA_OPTS+=" -XX:ReservedCodeCacheSize=16m -Xss512k -Dio.netty.allocator.numDirectArenas=1"
DEFAULT_JAVA_OPTS+=" -Dio.netty.allocator.numHeapArenas=1"
read -r -a JAVA_OPTS <<< "${JBGP_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
declare -A JBGP_PID
for node in "${NODES[@]}"; do
  ip netns exec "$(ns "$node")" "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" run --config "$CONFIG" --node "$node" --admin "$ADMIN" --bird-socket none \
    > "$WORK/$node.log" 2>&1 < /dev/null &
  PIDS+=($!)
  JBGP_PID[$node]=$!
done

established() { # established STATUS-TEXT ADDRESS
  grep -Eq "^\| *${2//./\\.} +\|.*\| +up +\|.*\| +Established" <<< "$1"
}
# node1's peers: control, node2 and host1 on the mesh; the route reflector alone in rr mode.
if [ "$MODE" = rr ]; then
  NODE1_PEERS=("$REFLECTOR")
else
  NODE1_PEERS=(control node2 host1)
fi
node1_peers_up() { # node1_peers_up STATUS-TEXT
  local peer
  for peer in "${NODE1_PEERS[@]}"; do
    established "$1" "${ADDRESS[$peer]}" || return 1
  done
}
deadline=$((SECONDS + WAIT_SECONDS))
status=
until [ $SECONDS -ge $deadline ]; do
  for node in "${NODES[@]}"; do
    kill -0 "${JBGP_PID[$node]}" 2>/dev/null || {
      KEEP_WORK=1
      tail -n 30 "$WORK/$node.log" >&2
      die "jbgp on $node exited"
    }
  done
  status=$(jbgp node1 status --admin "$ADMIN" 2>&1) || status=
  node1_peers_up "$status" && break
  sleep 1
done
if ! node1_peers_up "$status"; then
  KEEP_WORK=1
  say "node1's peers are not all Established after ${WAIT_SECONDS} s:"
  say "${status:-(jbgp status did not answer)}"
  for node in "${NODES[@]}"; do
    say "--- $node: jbgp log"
    tail -n 20 "$WORK/$node.log" >&2
  done
  say "--- host1: birdc show protocols"
  birdc_host1 show protocols >&2 || true
  exit 1
fi
if [ "$MODE" = rr ]; then
  # Through the reflector, each block keeps its owner as next hop: node1 and host1 must have the
  # blocks of the others via the node that owns each one, control passing them on unchanged.
  NODE1_LEARNED=("198.19.21.0/26 via ${ADDRESS[control]} dev eth0 proto bird"
                 "198.19.21.64/26 via ${ADDRESS[node2]} dev eth0 proto bird")
  HOST1_LEARNED=("198.19.21.0/26 via ${ADDRESS[control]} dev eth0 proto bird"
                 "198.19.21.64/26 via ${ADDRESS[node2]} dev eth0 proto bird"
                 "198.19.22.128/26 via ${ADDRESS[node1]} dev eth0 proto bird")
  has_routes() { # has_routes NODE LINE...: the node's kernel table has every line
    local table line
    table=$(ip -n "$(ns "$1")" route | sed 's/ *$//') # ip ends its lines with a space
    shift
    for line in "$@"; do
      grep -qxF "$line" <<< "$table" || return 1
    done
  }
  until [ $SECONDS -ge $deadline ]; do
    has_routes node1 "${NODE1_LEARNED[@]}" && has_routes host1 "${HOST1_LEARNED[@]}" && break
    sleep 0.5
  done
  if ! has_routes node1 "${NODE1_LEARNED[@]}" || ! has_routes host1 "${HOST1_LEARNED[@]}"; then
    KEEP_WORK=1
    say "the blocks did not all arrive through the reflector in ${WAIT_SECONDS} s"
    say "--- node1: ip route"
    ip -n "$(ns node1)" route >&2
    say "--- host1: ip route"
    ip -n "$(ns host1)" route >&2
    say "--- control: jbgp status"
    jbgp control status --admin "$ADMIN" >&2 || true
    exit 1
  fi
else
  # The routes follow the sessions by a moment: wait (bounded) for the other nodes' blocks.
  for ((i = 0; i < 50; i++)); do
    [ "$(ip -n "$(ns node1)" route | grep -c 'proto bird')" -ge 3 ] && break
    sleep 0.2
  done
fi

echo "node1\$ jbgp status"
jbgp node1 status --admin "$ADMIN"
echo
echo "node1\$ ip route"
ip -n "$(ns node1)" route
if [ "$MODE" = rr ]; then
  echo
  echo "host1\$ ip route"
  ip -n "$(ns host1)" route
fi
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
echo
echo "memory (RSS): jbgp on node1 $(rss_mb "${JBGP_PID[node1]}") MB (JVM options: ${JAVA_OPTS[*]}); BIRD on host1 $(rss_mb "$BIRD_PID") MB"
