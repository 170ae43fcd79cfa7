#!/usr/bin/env bash
# Re-makes the captured BGP test vectors in this folder: BIRD 2 and GoBGP peer
# with each other in two private network namespaces joined by one veth pair,
# tcpdump records the BGP traffic, and the messages are cut out of the capture.
#
# Needs root, python3 and the Debian packages bird2 gobgpd tcpdump tshark:
#   apt-get install -y bird2 gobgpd tcpdump tshark
# Usage: sudo bash capture.sh [OUTDIR]   (default OUTDIR: /tmp/jbgpcap/out)
# Takes about 75 seconds. Writes OUTDIR/all.txt (every message of the capture,
# decoded, in time order), OUTDIR/index.json, OUTDIR/table.md and the chosen
# vectors in OUTDIR/vectors/*.hex; copy those into this folder. The pcap stays
# in /tmp/jbgpcap/bgp.pcap.
#
# Safety: everything runs in the namespaces jbgpcap-bird and jbgpcap-gobgp,
# made here and deleted on exit (trap). Addresses are only 198.19.0.0/24 and
# fd00:198:19::/64 on the veth pair between them; neither namespace has a
# route out of the machine, nothing is added to the root namespace.
# Every wait below is bounded in count and time.
set -euo pipefail

W=/tmp/jbgpcap
OUT=${1:-$W/out}
NSB=jbgpcap-bird
NSG=jbgpcap-gobgp
SOCK=$W/bird.ctl
API=127.0.0.1:50151
BIRD_PID= ; GOBGP_PID= ; TCPDUMP_PID=

log() { echo "[$(date +%T)] $*" >&2; }

cleanup() {
  set +e
  [ -n "$TCPDUMP_PID" ] && kill -TERM "$TCPDUMP_PID" 2>/dev/null && sleep 1
  [ -n "$BIRD_PID" ] && kill "$BIRD_PID" 2>/dev/null
  [ -n "$GOBGP_PID" ] && kill "$GOBGP_PID" 2>/dev/null
  sleep 1
  [ -n "$BIRD_PID" ] && kill -9 "$BIRD_PID" 2>/dev/null
  [ -n "$GOBGP_PID" ] && kill -9 "$GOBGP_PID" 2>/dev/null
  [ -n "$TCPDUMP_PID" ] && kill -9 "$TCPDUMP_PID" 2>/dev/null
  ip netns del "$NSB" 2>/dev/null
  ip netns del "$NSG" 2>/dev/null
  return 0
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# wait_for TRIES SLEEP CMD... : run CMD until it succeeds, at most TRIES times
wait_for() {
  local n=$1 s=$2; shift 2
  for ((i = 0; i < n; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep "$s"
  done
  log "timed out waiting for: $*"; return 1
}

inb() { ip netns exec "$NSB" "$@"; }
ing() { ip netns exec "$NSG" "$@"; }
birdc_() { inb timeout 10 birdc -s "$SOCK" "$@"; }
gobgp_() { ing timeout 10 gobgp -u 127.0.0.1 -p 50151 "$@"; }

rm -rf "$W"; mkdir -p "$W" "$OUT"
ip netns del "$NSB" 2>/dev/null || true
ip netns del "$NSG" 2>/dev/null || true

# ---------------------------------------------------------------- topology
ip netns add "$NSB"
ip netns add "$NSG"
ip link add jbc-b0 netns "$NSB" address 02:00:c6:13:00:01 type veth peer name jbc-g0 netns "$NSG" address 02:00:c6:13:00:02
for ns in "$NSB" "$NSG"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  ip netns exec "$ns" ip link set lo up
done
# one address pair per BGP session, all on the same veth
inb ip addr add 198.19.0.1/24 dev jbc-b0            # session v4
inb ip addr add 198.19.0.11/24 dev jbc-b0           # session as2 (BIRD: enable as4 off)
inb ip addr add 198.19.0.21/24 dev jbc-b0           # session ibgp (IPv4 + IPv6 families)
inb ip addr add 198.19.0.31/24 dev jbc-b0           # session badas1 (BIRD expects a wrong AS)
inb ip addr add 198.19.0.41/24 dev jbc-b0           # session badas2 (GoBGP expects a wrong AS)
inb ip addr add fd00:198:19::1/64 dev jbc-b0 nodad  # session v6
inb ip addr add fd00:198:19::21/64 dev jbc-b0 nodad # IPv6 next hop on the ibgp session
ing ip addr add 198.19.0.2/24 dev jbc-g0
ing ip addr add 198.19.0.12/24 dev jbc-g0
ing ip addr add 198.19.0.22/24 dev jbc-g0
ing ip addr add 198.19.0.32/24 dev jbc-g0
ing ip addr add 198.19.0.42/24 dev jbc-g0
ing ip addr add fd00:198:19::2/64 dev jbc-g0 nodad
ing ip addr add fd00:198:19::22/64 dev jbc-g0 nodad
inb ip link set jbc-b0 up
ing ip link set jbc-g0 up
link_up() { ip -n "$1" link show "$2" | grep -q LOWER_UP; }
wait_for 20 0.5 link_up "$NSB" jbc-b0
wait_for 20 0.5 link_up "$NSG" jbc-g0

# ---------------------------------------------------------------- configs
cat > "$W/bird.conf" <<'BIRDCONF'
log "/tmp/jbgpcap/bird.log" all;
router id 198.19.0.1;

protocol device { scan time 10; }

protocol static static4 {
  ipv4;
  route 198.19.21.0/26 blackhole;
  route 198.19.21.64/26 blackhole;
  route 198.19.22.128/26 blackhole;
  route 198.19.32.0/24 blackhole;
  route 198.19.33.0/24 blackhole;
  route 198.19.34.0/24 blackhole;
  route 198.19.47.0/24 blackhole;
}
# a second path for 198.19.21.0/26, so ADD-PATH has two paths to send
protocol static static4b {
  ipv4;
  route 198.19.21.0/26 blackhole;
}
# routes that get withdrawn during the capture (birdc disable static4x)
protocol static static4x {
  ipv4;
  route 198.19.50.0/24 blackhole;
  route 198.19.51.0/25 blackhole;
}
protocol static static6 {
  ipv6;
  route fd00:198:19:100::/64 blackhole;
  route fd00:198:19:101::/64 blackhole;
  route fd00:198:19:1a0::/60 blackhole;
}
protocol static static6x {
  ipv6;
  route fd00:198:19:300::/64 blackhole;
}

function tag4()
{
  if proto = "static4b" then { bgp_med = 70; bgp_community.add((64512,102)); }
  else if net = 198.19.21.0/26 then {
    bgp_origin = ORIGIN_IGP;
    bgp_med = 50;
    bgp_community.add((64512,100));
    bgp_large_community.add((4200000001,1,2));
    bgp_ext_community.add((rt, 64512, 1));
    bgp_ext_community.add((rt, 4200000001, 7));
    bgp_ext_community.add((ro, 198.19.0.1, 9));
  }
  else if net = 198.19.21.64/26 then {
    bgp_community.add((64512,101));
    bgp_community.add((65535,65281));   # NO_EXPORT
  }
  else if net = 198.19.22.128/26 then {
    bgp_path.prepend(4200000099);
    bgp_path.prepend(64999);
    bgp_large_community.add((4200000001,22,128));
  }
  else if net ~ [ 198.19.32.0/20{20,24} ] then {
    bgp_large_community.add((4200000001,32,1));
    bgp_large_community.add((4200000001,32,2));
  }
}

filter export_ebgp4 {
  if source != RTS_STATIC then reject;
  tag4();
  accept;
}
filter export_ibgp4 {
  if source != RTS_STATIC then reject;
  tag4();
  bgp_local_pref = 200;
  if net = 198.19.21.64/26 then bgp_local_pref = 50;
  accept;
}
filter export_ebgp6 {
  if source != RTS_STATIC then reject;
  if net = fd00:198:19:100::/64 then {
    bgp_med = 60;
    bgp_community.add((64512,600));
    bgp_large_community.add((4200000001,6,1));
  }
  if net = fd00:198:19:101::/64 then {
    bgp_ext_community.add((rt, 4200000001, 6));
  }
  accept;
}
filter export_ibgp6 {
  if source != RTS_STATIC then reject;
  bgp_local_pref = 300;
  accept;
}

template bgp gobgp_peer {
  hold time 90;
  connect delay time 1;
  connect retry time 5;
  error wait time 5, 20;
  graceful restart on;
  graceful restart time 120;
  long lived graceful restart on;
  long lived stale time 3600;
  enable extended messages on;
  enable route refresh on;
}

# eBGP, 4-octet AS, IPv4 unicast over IPv4, ADD-PATH both ways
protocol bgp bgp_v4 from gobgp_peer {
  local 198.19.0.1 as 4200000001;
  neighbor 198.19.0.2 as 64512;
  ipv4 { import all; export filter export_ebgp4; add paths on; };
}
# eBGP, 4-octet AS, IPv6 unicast over IPv6, ADD-PATH both ways
protocol bgp bgp_v6 from gobgp_peer {
  local fd00:198:19::1 as 4200000001;
  neighbor fd00:198:19::2 as 64512;
  ipv6 { import all; export filter export_ebgp6; add paths on; };
}
# eBGP without the 4-octet AS capability: AS_TRANS and AS4_PATH; BGP role
protocol bgp bgp_as2 from gobgp_peer {
  local 198.19.0.11 as 4200000001;
  neighbor 198.19.0.12 as 64512;
  enable as4 off;
  local role provider;
  ipv4 { import all; export filter export_ebgp4; };
}
# iBGP (BIRD takes AS 64512 here), IPv4 and IPv6 unicast over IPv4
protocol bgp bgp_ibgp from gobgp_peer {
  local 198.19.0.21 as 64512;
  neighbor 198.19.0.22 as 64512;
  ipv4 { import all; export filter export_ibgp4; next hop self; };
  ipv6 { import all; export filter export_ibgp6; next hop address fd00:198:19::21; };
}
# BIRD expects AS 65099 but GoBGP is 64512: BIRD sends an OPEN error
protocol bgp bgp_badas1 from gobgp_peer {
  local 198.19.0.31 as 4200000001;
  neighbor 198.19.0.32 as 65099;
  ipv4 { import none; export none; };
}
# GoBGP expects AS 65098 from BIRD: GoBGP sends an OPEN error
protocol bgp bgp_badas2 from gobgp_peer {
  local 198.19.0.41 as 4200000001;
  neighbor 198.19.0.42 as 64512;
  ipv4 { import none; export none; };
}
BIRDCONF

cat > "$W/gobgpd.toml" <<'GOBGPCONF'
[global.config]
  as = 64512
  router-id = "198.19.0.2"
  port = 179

# eBGP to BIRD (4200000001), IPv4 unicast, ADD-PATH, GR + LLGR
[[neighbors]]
  [neighbors.config]
    neighbor-address = "198.19.0.1"
    peer-as = 4200000001
  [neighbors.transport.config]
    local-address = "198.19.0.2"
  [neighbors.timers.config]
    connect-retry = 5
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 120
    long-lived-enabled = true
    notification-enabled = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
    [neighbors.afi-safis.long-lived-graceful-restart.config]
      enabled = true
      restart-time = 3600
    [neighbors.afi-safis.add-paths.config]
      receive = true
      send-max = 8

# eBGP to BIRD over IPv6, IPv6 unicast, ADD-PATH, GR + LLGR
[[neighbors]]
  [neighbors.config]
    neighbor-address = "fd00:198:19::1"
    peer-as = 4200000001
  [neighbors.transport.config]
    local-address = "fd00:198:19::2"
  [neighbors.timers.config]
    connect-retry = 5
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 120
    long-lived-enabled = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
    [neighbors.afi-safis.long-lived-graceful-restart.config]
      enabled = true
      restart-time = 3600
    [neighbors.afi-safis.add-paths.config]
      receive = true
      send-max = 8

# eBGP to BIRD with "enable as4 off": BIRD's OPEN carries AS_TRANS 23456
[[neighbors]]
  [neighbors.config]
    neighbor-address = "198.19.0.11"
    peer-as = 23456
  [neighbors.transport.config]
    local-address = "198.19.0.12"
  [neighbors.timers.config]
    connect-retry = 5
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 120
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true

# iBGP to BIRD (BIRD uses local as 64512 on this session), IPv4 + IPv6
[[neighbors]]
  [neighbors.config]
    neighbor-address = "198.19.0.21"
    peer-as = 64512
  [neighbors.transport.config]
    local-address = "198.19.0.22"
  [neighbors.timers.config]
    connect-retry = 5
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 120
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true

# BIRD expects AS 65099 here (it gets 64512 and refuses)
[[neighbors]]
  [neighbors.config]
    neighbor-address = "198.19.0.31"
    peer-as = 4200000001
  [neighbors.transport.config]
    local-address = "198.19.0.32"
  [neighbors.timers.config]
    connect-retry = 5

# GoBGP expects AS 65098 here (it gets 4200000001 and refuses)
[[neighbors]]
  [neighbors.config]
    neighbor-address = "198.19.0.41"
    peer-as = 65098
  [neighbors.transport.config]
    local-address = "198.19.0.42"
  [neighbors.timers.config]
    connect-retry = 5
GOBGPCONF

inb bird -p -c "$W/bird.conf"
ing gobgpd -d -f "$W/gobgpd.toml" >/dev/null

# ---------------------------------------------------------------- capture
ip netns exec "$NSB" tcpdump -i jbc-b0 -U -s 0 -w "$W/bgp.pcap" tcp port 179 2>"$W/tcpdump.log" &
TCPDUMP_PID=$!
wait_for 20 0.5 grep -q listening "$W/tcpdump.log"

# own UTS namespace so that the FQDN capability carries a fixed host name
ip netns exec "$NSG" unshare --uts sh -c 'hostname gobgp; exec gobgpd -f "$1" --api-hosts "$2" --pprof-disable -p -l debug' sh "$W/gobgpd.toml" "$API" >"$W/gobgpd.log" 2>&1 &
GOBGP_PID=$!
wait_for 30 0.5 gobgp_ global

# GoBGP's own routes, present before the sessions come up
gobgp_ global rib add -a ipv4 198.19.40.0/24 community 64512:200 large-community 64512:1:1 med 10
gobgp_ global rib add -a ipv4 198.19.41.0/24 aspath 65010,4200000002 community no-export,64512:201 origin egp
gobgp_ global rib add -a ipv4 198.19.42.0/25 local-pref 150 community 64512:202 identifier 1
gobgp_ global rib add -a ipv6 fd00:198:19:400::/64 community 64512:400 large-community 64512:4:1 med 20
gobgp_ global rib add -a ipv6 fd00:198:19:401::/64 origin incomplete

ip netns exec "$NSB" bird -f -c "$W/bird.conf" -s "$SOCK" &
BIRD_PID=$!
wait_for 30 0.5 birdc_ show status

established() { birdc_ show protocols "$1" | grep -q Established; }
for p in bgp_v4 bgp_v6 bgp_as2 bgp_ibgp; do wait_for 60 1 established "$p"; done
log "sessions up"
sleep 5

# more routes while the sessions are up: incremental UPDATEs
gobgp_ global rib add -a ipv4 198.19.43.0/24 community 64512:203 large-community 64512:3:1,64512:3:2 med 30
gobgp_ global rib add -a ipv4 198.19.42.0/25 local-pref 160 community 64512:204 identifier 2 nexthop 198.19.0.99
gobgp_ global rib add -a ipv6 fd00:198:19:402::/64 community 64512:402 aspath 65020
sleep 3

# route refresh both ways
birdc_ reload in bgp_v4
birdc_ reload in bgp_v6
sleep 2
# GoBGP keeps an Adj-RIB-In: its softresetin re-runs policy locally and sends
# no ROUTE-REFRESH on the wire (kept here to show that)
gobgp_ neighbor 198.19.0.1 softresetin -a ipv4
gobgp_ neighbor fd00:198:19::1 softresetin -a ipv6
sleep 3

# withdrawals both ways
gobgp_ global rib del -a ipv4 198.19.40.0/24
gobgp_ global rib del -a ipv6 fd00:198:19:400::/64
birdc_ disable static4x
birdc_ disable static6x
sleep 3

# Cease NOTIFICATIONs
gobgp_ neighbor 198.19.0.1 reset                   # GoBGP: administrative reset
sleep 2
wait_for 60 1 established bgp_v4
birdc_ 'restart bgp_ibgp "config change"'         # BIRD: administrative reset with text
sleep 2
wait_for 60 1 established bgp_ibgp
birdc_ 'disable bgp_v6 "maintenance window"'       # BIRD: shutdown with communication
gobgp_ neighbor 198.19.0.11 shutdown --reason "Wartungsfenster – zurück um 14:00"  # GoBGP: same, UTF-8 text
sleep 2
gobgp_ neighbor del 198.19.0.21                    # GoBGP: peer de-configured
sleep 2

# BIRD dies without NOTIFICATION and comes back with -R (GR restart flag)
kill -9 "$BIRD_PID"; BIRD_PID=
sleep 2
ip netns exec "$NSB" bird -f -R -c "$W/bird.conf" -s "$SOCK" &
BIRD_PID=$!
wait_for 30 0.5 birdc_ show status
wait_for 60 1 established bgp_v4
sleep 5
birdc_ show protocols all > "$W/bird-protocols.txt" || true
gobgp_ neighbor > "$W/gobgp-neighbors.txt" || true
gobgp_ neighbor 198.19.0.1 > "$W/gobgp-neighbor-v4.txt" || true
gobgp_ neighbor fd00:198:19::1 > "$W/gobgp-neighbor-v6.txt" || true

# orderly stop of BIRD: it sends Cease to every peer
birdc_ down || true
for ((i = 0; i < 20; i++)); do kill -0 "$BIRD_PID" 2>/dev/null || break; sleep 0.5; done
BIRD_PID=
sleep 1
kill -TERM "$TCPDUMP_PID"
for ((i = 0; i < 20; i++)); do kill -0 "$TCPDUMP_PID" 2>/dev/null || break; sleep 0.5; done
TCPDUMP_PID=
log "capture done: $W/bgp.pcap"

# ---------------------------------------------------------------- extract
tshark -r "$W/bgp.pcap" -Y 'tcp.len > 0' -T fields -E separator=/t \
  -e frame.number -e frame.time_epoch -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport \
  -e ip.dst -e ipv6.dst -e tcp.dstport -e tcp.seq_raw -e tcp.payload > "$W/segments.tsv"
cat > "$W/extract.py" <<'PY'
# Cuts BGP messages out of tshark's per-segment dump, reassembling each TCP
# direction, decodes them, and writes every distinct message with comments.
import sys, os, collections, ipaddress, json

seg_file, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, 'all'), exist_ok=True)

# address -> (session, speaker)
ADDR = {
    '198.19.0.1': ('v4', 'bird'), '198.19.0.2': ('v4', 'gobgp'),
    'fd00:198:19::1': ('v6', 'bird'), 'fd00:198:19::2': ('v6', 'gobgp'),
    '198.19.0.11': ('as2', 'bird'), '198.19.0.12': ('as2', 'gobgp'),
    '198.19.0.21': ('ibgp', 'bird'), '198.19.0.22': ('ibgp', 'gobgp'),
    '198.19.0.31': ('badas1', 'bird'), '198.19.0.32': ('badas1', 'gobgp'),
    '198.19.0.41': ('badas2', 'bird'), '198.19.0.42': ('badas2', 'gobgp'),
}

segs = collections.defaultdict(list)
for line in open(seg_file):
    f = line.rstrip('\n').split('\t')
    if len(f) < 11 or not f[10]:
        continue
    frame, t, stream, s4, s6, sp, d4, d6, dp, seq, payload = f[:11]
    src = s4 or s6; dst = d4 or d6
    segs[(int(stream), src, int(sp), dst, int(dp))].append((int(seq), float(t), int(frame), bytes.fromhex(payload.replace(':', ''))))

msgs = []   # dicts
for key, lst in segs.items():
    lst.sort(key=lambda x: (x[0], x[2]))
    buf = bytearray(); starts = []   # (offset, time, frame)
    cur = None
    for seq, t, frame, data in lst:
        if cur is None:
            cur = seq
        if seq > cur:
            print('gap in', key, file=sys.stderr); break
        skip = cur - seq
        if skip >= len(data):
            continue
        starts.append((len(buf), t, frame))
        buf += data[skip:]
        cur = seq + len(data)
    off = 0
    while off + 19 <= len(buf):
        ln = int.from_bytes(buf[off + 16:off + 18], 'big')
        if buf[off:off + 16] != b'\xff' * 16 or ln < 19 or off + ln > len(buf):
            print('bad framing in', key, 'at', off, file=sys.stderr); break
        t, frame = [(tt, fr) for o, tt, fr in starts if o <= off][-1]
        stream, src, sp, dst, dp = key
        msgs.append(dict(stream=stream, src=src, dst=dst, sport=sp, dport=dp,
                         time=t, frame=frame, raw=bytes(buf[off:off + ln])))
        off += ln
msgs.sort(key=lambda m: (m['time'], m['frame']))

AFI = {1: 'IPv4', 2: 'IPv6'}
SAFI = {1: 'unicast', 2: 'multicast'}
def fam(afi, safi): return '%s %s' % (AFI.get(afi, 'AFI%d' % afi), SAFI.get(safi, 'SAFI%d' % safi))

def parse_caps(raw):
    """returns list of (code, value bytes) from an OPEN"""
    caps = []
    p = 29; optlen = raw[28]; end = p + optlen
    while p < end:
        pt, pl = raw[p], raw[p + 1]; v = raw[p + 2:p + 2 + pl]; p += 2 + pl
        if pt == 2:
            q = 0
            while q < len(v):
                c, cl = v[q], v[q + 1]; caps.append((c, v[q + 2:q + 2 + cl])); q += 2 + cl
    return caps

def desc_cap(c, v):
    if c == 1: return 'Multiprotocol %s' % fam(int.from_bytes(v[0:2], 'big'), v[3])
    if c == 2: return 'Route Refresh'
    if c == 128: return 'Route Refresh (old Cisco code 128)'
    if c == 70: return 'Enhanced Route Refresh'
    if c == 6: return 'Extended Message'
    if c == 65: return '4-octet AS number, AS %d' % int.from_bytes(v, 'big')
    if c == 9: return 'BGP Role %s' % {0: 'provider', 1: 'route server', 2: 'route server client', 3: 'customer', 4: 'peer'}.get(v[0], v[0])
    if c == 5:
        l = []
        for i in range(0, len(v), 6):
            l.append('%s next hop AFI %d' % (fam(int.from_bytes(v[i:i+2], 'big'), int.from_bytes(v[i+2:i+4], 'big')), int.from_bytes(v[i+4:i+6], 'big')))
        return 'Extended Next Hop Encoding: ' + ', '.join(l)
    if c == 64:
        fl = v[0] >> 4; tm = int.from_bytes(v[0:2], 'big') & 0xfff
        s = 'Graceful Restart, flags R=%d N=%d, restart time %ds' % ((fl >> 3) & 1, (fl >> 2) & 1, tm)
        l = []
        for i in range(2, len(v), 4):
            l.append('%s F=%d' % (fam(int.from_bytes(v[i:i+2], 'big'), v[i+2]), v[i+3] >> 7))
        return s + (': ' + ', '.join(l) if l else ' (no families)')
    if c == 69:
        l = []
        for i in range(0, len(v), 4):
            l.append('%s %s' % (fam(int.from_bytes(v[i:i+2], 'big'), v[i+2]), {1: 'receive', 2: 'send', 3: 'send/receive'}.get(v[i+3], v[i+3])))
        return 'ADD-PATH: ' + ', '.join(l)
    if c == 71:
        l = []
        for i in range(0, len(v), 7):
            l.append('%s F=%d stale time %ds' % (fam(int.from_bytes(v[i:i+2], 'big'), v[i+2]), v[i+3] >> 7, int.from_bytes(v[i+4:i+7], 'big')))
        return 'Long-Lived Graceful Restart: ' + (', '.join(l) if l else '(no families)')
    if c == 73:
        hl = v[0]; h = v[1:1+hl].decode(errors='replace'); dl = v[1+hl]; d = v[2+hl:2+hl+dl].decode(errors='replace')
        return 'FQDN hostname "%s" domain "%s"' % (h, d)
    return 'capability code %d, %d bytes %s' % (c, len(v), v.hex())

def addpath_map(caps):
    m = {}
    for c, v in caps:
        if c == 69:
            for i in range(0, len(v), 4):
                m[(int.from_bytes(v[i:i+2], 'big'), v[i+2])] = v[i+3]
    return m

# negotiated context per (stream, sender)
opens = {}
for m in msgs:
    if m['raw'][18] == 1:
        opens.setdefault((m['stream'], m['src']), m['raw'])
def context(m):
    mine = opens.get((m['stream'], m['src'])); theirs = opens.get((m['stream'], m['dst']))
    if not mine or not theirs:
        return dict(as4=None, addpath=set(), extmsg=None)
    a, b = parse_caps(mine), parse_caps(theirs)
    as4 = any(c == 65 for c, _ in a) and any(c == 65 for c, _ in b)
    ext = any(c == 6 for c, _ in a) and any(c == 6 for c, _ in b)
    ma, mb = addpath_map(a), addpath_map(b)
    ap = set(k for k in ma if (ma[k] & 2) and (mb.get(k, 0) & 1))
    apr = set(k for k in mb if (mb[k] & 2) and (ma.get(k, 0) & 1))
    return dict(as4=as4, addpath=ap, addpath_rx=apr, extmsg=ext)

def prefixes(b, afi, addpath):
    out = []; p = 0
    while p < len(b):
        pid = None
        if addpath:
            pid = int.from_bytes(b[p:p+4], 'big'); p += 4
        l = b[p]; p += 1; n = (l + 7) // 8
        a = b[p:p+n] + bytes((4 if afi == 1 else 16) - n); p += n
        ip = ipaddress.ip_address(bytes(a))
        out.append(('%s/%d' % (ip, l)) + (' path-id %d' % pid if addpath else ''))
    return out

def ipstr(b):
    ip = ipaddress.ip_address(bytes(b))
    if ip.version == 6 and ip.ipv4_mapped:
        return '::ffff:%s (IPv4-mapped)' % ip.ipv4_mapped
    return str(ip)

def aspath(v, w):
    segs = []; p = 0
    while p < len(v):
        t, n = v[p], v[p+1]; p += 2
        a = [int.from_bytes(v[p+i*w:p+i*w+w], 'big') for i in range(n)]; p += n * w
        s = ' '.join(map(str, a))
        segs.append({1: '{%s}', 2: '%s', 3: '(%s)', 4: '[%s]'}.get(t, '?%s').replace('%s', s) if t != 2 else s)
    return ' '.join(segs) if segs else '(empty)'

WK = {0xFFFFFF01: 'NO_EXPORT', 0xFFFFFF02: 'NO_ADVERTISE', 0xFFFFFF03: 'NO_EXPORT_SUBCONFED', 0xFFFF029A: 'BLACKHOLE', 0xFFFF0006: 'LLGR_STALE', 0xFFFF0007: 'NO_LLGR'}
def extcomm(e):
    t, st = e[0], e[1]
    kind = {2: 'route target', 3: 'route origin'}.get(st, 'subtype 0x%02x' % st)
    if t in (0x00, 0x40):
        return '%s %d:%d (2-octet AS specific, type 0x%02x)' % (kind, int.from_bytes(e[2:4], 'big'), int.from_bytes(e[4:8], 'big'), t)
    if t in (0x01, 0x41):
        return '%s %s:%d (IPv4 address specific, type 0x%02x)' % (kind, ipaddress.ip_address(bytes(e[2:6])), int.from_bytes(e[6:8], 'big'), t)
    if t in (0x02, 0x42):
        return '%s %d:%d (4-octet AS specific, type 0x%02x)' % (kind, int.from_bytes(e[2:6], 'big'), int.from_bytes(e[6:8], 'big'), t)
    return 'type 0x%02x subtype 0x%02x value %s' % (t, st, e[2:].hex())

def decode_update(raw, ctx):
    L = []; r = raw[19:]
    wl = int.from_bytes(r[0:2], 'big'); wd = r[2:2+wl]
    al = int.from_bytes(r[2+wl:4+wl], 'big'); attrs = r[4+wl:4+wl+al]; nlri = r[4+wl+al:]
    ap = ctx['addpath']; w = 4 if ctx['as4'] else 2
    kinds = set()
    if wl == 0 and al == 0 and not nlri:
        return ['End-of-RIB marker for IPv4 unicast (empty UPDATE)'], {'eor', 'eor-ipv4'}
    if wl:
        L.append('withdrawn routes (IPv4): ' + ', '.join(prefixes(wd, 1, (1, 1) in ap))); kinds.add('withdraw')
    p = 0; only_unreach = True
    while p < len(attrs):
        fl, tc = attrs[p], attrs[p+1]
        if fl & 0x10:
            ln = int.from_bytes(attrs[p+2:p+4], 'big'); v = attrs[p+4:p+4+ln]; p += 4 + ln
        else:
            ln = attrs[p+2]; v = attrs[p+3:p+3+ln]; p += 3 + ln
        fls = ''.join(c for c, b in (('O', 0x80), ('T', 0x40), ('P', 0x20), ('E', 0x10)) if fl & b)
        pre = 'attr %d flags 0x%02x(%s) len %d: ' % (tc, fl, fls, ln)
        if tc != 15: only_unreach = False
        if tc == 1: L.append(pre + 'ORIGIN %s' % {0: 'IGP', 1: 'EGP', 2: 'INCOMPLETE'}.get(v[0], v[0]))
        elif tc == 2: L.append(pre + 'AS_PATH %s (%d-octet ASNs)' % (aspath(v, w), w)); kinds.add('aspath')
        elif tc == 3: L.append(pre + 'NEXT_HOP %s' % ipaddress.ip_address(bytes(v)))
        elif tc == 4: L.append(pre + 'MULTI_EXIT_DISC %d' % int.from_bytes(v, 'big')); kinds.add('med')
        elif tc == 5: L.append(pre + 'LOCAL_PREF %d' % int.from_bytes(v, 'big')); kinds.add('localpref')
        elif tc == 6: L.append(pre + 'ATOMIC_AGGREGATE')
        elif tc == 7: L.append(pre + 'AGGREGATOR AS %d %s' % (int.from_bytes(v[:-4], 'big'), ipaddress.ip_address(bytes(v[-4:]))))
        elif tc == 8:
            cs = []
            for i in range(0, len(v), 4):
                c = int.from_bytes(v[i:i+4], 'big')
                cs.append(WK.get(c, '%d:%d' % (c >> 16, c & 0xffff)))
                if c in WK: kinds.add('wellknown')
            L.append(pre + 'COMMUNITIES ' + ' '.join(cs)); kinds.add('communities')
        elif tc == 9: L.append(pre + 'ORIGINATOR_ID %s' % ipaddress.ip_address(bytes(v)))
        elif tc == 10: L.append(pre + 'CLUSTER_LIST ' + ' '.join(str(ipaddress.ip_address(bytes(v[i:i+4]))) for i in range(0, len(v), 4)))
        elif tc == 14:
            afi = int.from_bytes(v[0:2], 'big'); safi = v[2]; nl = v[3]; nh = v[4:4+nl]
            nhs = [ipstr(nh[i:i+16]) for i in range(0, nl, 16)] if nl % 16 == 0 else [ipstr(nh[i:i+4]) for i in range(0, nl, 4)]
            pr = prefixes(v[5+nl:], afi, (afi, safi) in ap)
            L.append(pre + 'MP_REACH_NLRI %s, next hop (%d bytes) %s, NLRI: %s' % (fam(afi, safi), nl, ' + '.join(nhs), ', '.join(pr)))
            kinds.add('mpreach'); kinds.add('afi%d' % afi)
        elif tc == 15:
            afi = int.from_bytes(v[0:2], 'big'); safi = v[2]
            pr = prefixes(v[3:], afi, (afi, safi) in ap)
            if not pr:
                L.append(pre + 'MP_UNREACH_NLRI %s with no NLRI' % fam(afi, safi))
            else:
                L.append(pre + 'MP_UNREACH_NLRI %s withdrawn: %s' % (fam(afi, safi), ', '.join(pr))); kinds.add('withdraw')
            kinds.add('mpunreach'); kinds.add('afi%d' % afi)
            eor_fam = fam(afi, safi)
        elif tc == 16:
            L.append(pre + 'EXTENDED_COMMUNITIES ' + '; '.join(extcomm(v[i:i+8]) for i in range(0, len(v), 8))); kinds.add('extcomm')
        elif tc == 17: L.append(pre + 'AS4_PATH %s' % aspath(v, 4)); kinds.add('as4path')
        elif tc == 18: L.append(pre + 'AS4_AGGREGATOR AS %d %s' % (int.from_bytes(v[:4], 'big'), ipaddress.ip_address(bytes(v[4:8]))))
        elif tc == 32:
            L.append(pre + 'LARGE_COMMUNITY ' + ' '.join('%d:%d:%d' % tuple(int.from_bytes(v[i+j:i+j+4], 'big') for j in (0, 4, 8)) for i in range(0, len(v), 12))); kinds.add('largecomm')
        elif tc == 35: L.append(pre + 'ONLY_TO_CUSTOMER (OTC) AS %d' % int.from_bytes(v, 'big')); kinds.add('otc')
        else: L.append(pre + 'unknown attribute, value %s' % v.hex())
    if nlri:
        L.append('NLRI (IPv4): ' + ', '.join(prefixes(nlri, 1, (1, 1) in ap))); kinds.add('nlri4')
    if not wl and not nlri and only_unreach and 'withdraw' not in kinds and 'mpunreach' in kinds:
        L.insert(0, 'End-of-RIB marker for %s (MP_UNREACH_NLRI with no routes)' % eor_fam); kinds.add('eor')
    return L, kinds

NOTIF = {1: 'Message Header Error', 2: 'OPEN Message Error', 3: 'UPDATE Message Error', 4: 'Hold Timer Expired', 5: 'Finite State Machine Error', 6: 'Cease', 7: 'ROUTE-REFRESH Message Error'}
CEASE = {1: 'Maximum Number of Prefixes Reached', 2: 'Administrative Shutdown', 3: 'Peer De-configured', 4: 'Administrative Reset', 5: 'Connection Rejected', 6: 'Other Configuration Change', 7: 'Connection Collision Resolution', 8: 'Out of Resources', 9: 'Hard Reset', 10: 'BFD Down'}
OPENERR = {1: 'Unsupported Version Number', 2: 'Bad Peer AS', 3: 'Bad BGP Identifier', 4: 'Unsupported Optional Parameter', 6: 'Unacceptable Hold Time', 7: 'Unsupported Capability', 11: 'Role Mismatch'}

def decode(m, ctx):
    raw = m['raw']; t = raw[18]; kinds = set()
    if t == 1:
        L = ['OPEN version %d, My AS %d, hold time %ds, BGP identifier %s, optional parameters %d bytes' % (
            raw[19], int.from_bytes(raw[20:22], 'big'), int.from_bytes(raw[22:24], 'big'), ipaddress.ip_address(bytes(raw[24:28])), raw[28])]
        for c, v in parse_caps(raw):
            L.append('capability %d: %s' % (c, desc_cap(c, v)))
        return 'open', L, kinds
    if t == 2:
        L, kinds = decode_update(raw, ctx)
        return 'update', L, kinds
    if t == 3:
        code, sub = raw[19], raw[20]; data = raw[21:]
        s = 'NOTIFICATION %s (%d), subcode %d' % (NOTIF.get(code, '?'), code, sub)
        if code == 6: s += ' %s' % CEASE.get(sub, '?')
        if code == 2: s += ' %s' % OPENERR.get(sub, '?')
        L = [s]
        if data:
            if code == 6 and sub in (2, 4) and data[0] == len(data) - 1:
                L.append('shutdown communication (%d bytes UTF-8): "%s"' % (data[0], data[1:].decode()))
            elif code == 6 and sub == 9 and len(data) >= 2:
                L.append('hard reset wrapping %s (%d) subcode %d, data %s' % (NOTIF.get(data[0], '?'), data[0], data[1], data[2:].hex()))
            else:
                L.append('data (%d bytes): %s' % (len(data), data.hex()))
        return 'notification', L, kinds
    if t == 4:
        return 'keepalive', ['KEEPALIVE'], kinds
    if t == 5:
        afi = int.from_bytes(raw[19:21], 'big'); st = raw[21]; safi = raw[22]
        return 'route-refresh', ['ROUTE-REFRESH %s, subtype %d (%s)' % (fam(afi, safi), st, {0: 'normal request', 1: 'BoRR', 2: 'EoRR'}.get(st, '?'))], kinds
    return 'type%d' % t, ['unknown type %d' % t], kinds

index = []; allrecs = []; seen = {}
with open(os.path.join(out, 'all.txt'), 'w') as allf:
    for i, m in enumerate(msgs):
        ctx = context(m)
        typ, L, kinds = decode(m, ctx)
        sess, spk = ADDR.get(m['src'], ('?', '?'))
        _, peer = ADDR.get(m['dst'], ('?', '?'))
        key = (ADDR.get(m['src'], ('?', '?'))[1], m['raw'])
        dup = key in seen
        allf.write('#%d frame %d t=%.3f stream %d %s %s[%s]:%d -> %s[%s]:%d len %d%s\n' % (
            i, m['frame'], m['time'], m['stream'], sess, spk, m['src'], m['sport'], peer, m['dst'], m['dport'], len(m['raw']), ' DUP of #%d' % seen[key] if dup else ''))
        for l in L: allf.write('    ' + l + '\n')
        rec = dict(n=i, frame=m['frame'], stream=m['stream'], session=sess, sender=spk, receiver=peer,
                   src=m['src'], dst=m['dst'], sport=m['sport'], dport=m['dport'], type=typ, kinds=sorted(kinds),
                   as4=ctx['as4'], addpath=sorted(ctx['addpath']), addpath_rx=sorted(ctx.get('addpath_rx', [])), extmsg=ctx['extmsg'],
                   lines=L, hex=m['raw'].hex())
        allrecs.append(rec)
        if not dup:
            seen[key] = i
            index.append(rec)
json.dump(index, open(os.path.join(out, 'index.json'), 'w'), indent=1)
print('%d messages, %d distinct' % (len(msgs), len(index)), file=sys.stderr)

# ------------------------------------------------------------------ selection
# (file name, sender, session, must-contain substrings of the decoded text, summary)
SEL = [
 ('bird-open-ipv4-addpath', 'bird', 'v4', ['OPEN', 'R=0'], 'BIRD OPEN on the IPv4 eBGP session: My AS 23456 (AS_TRANS) with the real AS 4200000001 in the 4-octet AS capability; IPv4 unicast, route refresh, extended message, graceful restart, ADD-PATH send/receive, enhanced route refresh, long-lived graceful restart'),
 ('gobgp-open-ipv4-addpath', 'gobgp', 'v4', ['OPEN'], 'GoBGP OPEN on the IPv4 eBGP session: route refresh, FQDN, IPv4 unicast, 4-octet AS, graceful restart with the N (notification) bit, long-lived graceful restart, extended next hop, ADD-PATH send/receive'),
 ('bird-open-ipv6-addpath', 'bird', 'v6', ['OPEN', 'R=0'], 'BIRD OPEN on the IPv6 eBGP session (IPv6 transport): IPv6 unicast only, ADD-PATH send/receive for IPv6 unicast'),
 ('gobgp-open-ipv6-addpath', 'gobgp', 'v6', ['OPEN'], 'GoBGP OPEN on the IPv6 eBGP session: IPv6 unicast only, ADD-PATH send/receive for IPv6 unicast'),
 ('bird-open-no-as4', 'bird', 'as2', ['OPEN', 'R=0'], 'BIRD OPEN with "enable as4 off": no 4-octet AS capability, My AS is AS_TRANS 23456; also the BGP Role capability (provider)'),
 ('gobgp-open-as2-session', 'gobgp', 'as2', ['OPEN'], 'GoBGP OPEN on the session where BIRD does not do 4-octet AS (GoBGP still offers it); graceful restart without long-lived'),
 ('bird-open-ibgp-multiprotocol', 'bird', 'ibgp', ['OPEN', 'R=0'], 'BIRD OPEN on the iBGP session (AS 64512 both sides): IPv4 and IPv6 unicast, graceful restart and long-lived graceful restart for both families'),
 ('gobgp-open-ibgp-multiprotocol', 'gobgp', 'ibgp', ['OPEN'], 'GoBGP OPEN on the iBGP session: IPv4 and IPv6 unicast, graceful restart for both'),
 ('bird-open-graceful-restart', 'bird', 'v4', ['OPEN', 'R=1'], 'BIRD OPEN after BIRD was killed and restarted with -R: graceful restart capability with the Restart State bit R=1 and the Forwarding State bit F=1 for IPv4 unicast, LLGR F=1'),
 ('gobgp-open-no-gr', 'gobgp', 'badas2', ['OPEN'], 'GoBGP OPEN for a neighbour without graceful restart configured: route refresh, FQDN, IPv4 unicast, 4-octet AS, extended next hop'),
 ('bird-keepalive', 'bird', 'v4', ['KEEPALIVE'], 'BIRD KEEPALIVE'),
 ('gobgp-keepalive', 'gobgp', 'v4', ['KEEPALIVE'], 'GoBGP KEEPALIVE'),
 ('bird-update-ipv4-addpath-communities', 'bird', 'v4', ['198.19.21.0/26 path-id', 'MULTI_EXIT_DISC 50'], 'BIRD UPDATE, IPv4 with ADD-PATH path id: ORIGIN, AS_PATH (one 4-octet AS), NEXT_HOP, MED 50, COMMUNITIES, EXTENDED_COMMUNITIES (2-octet AS, IPv4 address and 4-octet AS specific), LARGE_COMMUNITY'),
 ('bird-update-ipv4-addpath-second-path', 'bird', 'v4', ['198.19.21.0/26 path-id', 'MULTI_EXIT_DISC 70'], 'BIRD UPDATE, a second path for the same prefix 198.19.21.0/26 with another path id (ADD-PATH), MED 70'),
 ('bird-update-ipv4-addpath-4-prefixes', 'bird', 'v4', ['198.19.33.0/24 path-id', 'LARGE_COMMUNITY'], 'BIRD UPDATE, four IPv4 prefixes each with a path id, two large communities'),
 ('bird-update-ipv4-no-export', 'bird', 'v4', ['198.19.21.64/26 path-id', 'NO_EXPORT'], 'BIRD UPDATE, IPv4 with path id, COMMUNITIES 64512:101 and well-known NO_EXPORT'),
 ('bird-update-ipv4-aspath-3', 'bird', 'v4', ['198.19.22.128/26 path-id', 'AS_PATH 4200000001 64999 4200000099'], 'BIRD UPDATE, IPv4 with path id, AS_PATH of three 4-octet ASNs (4200000001 64999 4200000099), large community'),
 ('bird-update-as4path', 'bird', 'as2', ['198.19.22.128/26', 'AS4_PATH'], 'BIRD UPDATE on the 2-octet session: AS_PATH 23456 64999 23456 (2-octet, AS_TRANS for the big ASNs) plus AS4_PATH 4200000001 64999 4200000099, large community, ONLY_TO_CUSTOMER (OTC, attribute 35) from the BGP role'),
 ('bird-update-as4path-communities', 'bird', 'as2', ['198.19.21.0/26', 'AS4_PATH', 'MULTI_EXIT_DISC 50'], 'BIRD UPDATE on the 2-octet session: AS_PATH 23456 + AS4_PATH 4200000001, MED, COMMUNITIES, EXTENDED_COMMUNITIES, LARGE_COMMUNITY, OTC'),
 ('bird-update-ibgp-localpref', 'bird', 'ibgp', ['NLRI (IPv4): 198.19.21.0/26', 'LOCAL_PREF 200', 'MULTI_EXIT_DISC 50'], 'BIRD iBGP UPDATE: empty AS_PATH, NEXT_HOP self, MED, LOCAL_PREF 200, COMMUNITIES, EXTENDED_COMMUNITIES, LARGE_COMMUNITY'),
 ('bird-update-ibgp-ipv6', 'bird', 'ibgp', ['MP_REACH_NLRI IPv6', 'fd00:198:19:300::/64'], 'BIRD iBGP UPDATE, IPv6 over the IPv4 session: MP_REACH_NLRI (extended-length flag) first, 4 IPv6 prefixes, next hop fd00:198:19::21, LOCAL_PREF 300'),
 ('bird-update-ipv6-addpath', 'bird', 'v6', ['fd00:198:19:100::/64 path-id', 'MULTI_EXIT_DISC 60'], 'BIRD UPDATE, IPv6 with path id: MP_REACH_NLRI with a 32-byte next hop (global + link-local), MED 60, COMMUNITIES, LARGE_COMMUNITY'),
 ('bird-update-ipv6-addpath-extcomm', 'bird', 'v6', ['fd00:198:19:101::/64 path-id', 'EXTENDED_COMMUNITIES'], 'BIRD UPDATE, IPv6 with path id, 4-octet AS specific route target extended community'),
 ('bird-update-ipv6-addpath-2-prefixes', 'bird', 'v6', ['fd00:198:19:1a0::/60 path-id', 'fd00:198:19:300::/64 path-id'], 'BIRD UPDATE, IPv6 with path ids: two prefixes (/60 and /64) in one MP_REACH_NLRI, no communities'),
 ('bird-eor-ipv4', 'bird', 'v4', ['End-of-RIB marker for IPv4'], 'BIRD End-of-RIB for IPv4 unicast: the empty UPDATE (23 bytes)'),
 ('bird-eor-ipv6', 'bird', 'v6', ['End-of-RIB marker for IPv6'], 'BIRD End-of-RIB for IPv6 unicast: UPDATE with only an empty MP_UNREACH_NLRI'),
 ('bird-withdraw-ipv4-addpath', 'bird', 'v4', ['withdrawn routes (IPv4): 198.19.50.0/24 path-id'], 'BIRD UPDATE withdrawing two IPv4 prefixes with path ids in the Withdrawn Routes field'),
 ('bird-withdraw-ipv4', 'bird', 'as2', ['withdrawn routes (IPv4): 198.19.50.0/24'], 'BIRD UPDATE withdrawing two IPv4 prefixes (no ADD-PATH)'),
 ('bird-withdraw-ipv6-addpath', 'bird', 'v6', ['MP_UNREACH_NLRI IPv6 unicast withdrawn: fd00:198:19:300::/64 path-id'], 'BIRD UPDATE withdrawing an IPv6 prefix with path id in MP_UNREACH_NLRI (extended-length flag)'),
 ('bird-withdraw-ipv6', 'bird', 'ibgp', ['MP_UNREACH_NLRI IPv6 unicast withdrawn: fd00:198:19:300::/64'], 'BIRD UPDATE withdrawing an IPv6 prefix in MP_UNREACH_NLRI (no ADD-PATH)'),
 ('bird-route-refresh-ipv4', 'bird', 'v4', ['ROUTE-REFRESH IPv4'], 'BIRD ROUTE-REFRESH for IPv4 unicast (birdc reload in)'),
 ('bird-route-refresh-ipv6', 'bird', 'v6', ['ROUTE-REFRESH IPv6'], 'BIRD ROUTE-REFRESH for IPv6 unicast (birdc reload in)'),
 ('bird-notification-shutdown', 'bird', 'v6', ['Administrative Shutdown', 'maintenance window'], 'BIRD NOTIFICATION Cease / Administrative Shutdown with the shutdown communication "maintenance window" (birdc disable)'),
 ('bird-notification-shutdown-plain', 'bird', 'v4', ['Administrative Shutdown'], 'BIRD NOTIFICATION Cease / Administrative Shutdown without data (birdc down)'),
 ('bird-notification-admin-reset', 'bird', 'ibgp', ['Administrative Reset', 'config change'], 'BIRD NOTIFICATION Cease / Administrative Reset with the communication "config change" (birdc restart)'),
 ('bird-notification-bad-peer-as', 'bird', 'badas1', ['Bad Peer AS', '0000fc00'], 'BIRD NOTIFICATION OPEN Message Error / Bad Peer AS; BIRD puts the received AS (64512) as 4 octets in the data'),
 ('gobgp-update-ipv4-addpath', 'gobgp', 'v4', ['198.19.40.0/24 path-id', 'MULTI_EXIT_DISC 10'], 'GoBGP UPDATE, IPv4 with path id: ORIGIN INCOMPLETE, AS_PATH 64512, NEXT_HOP, MED 10, COMMUNITIES, LARGE_COMMUNITY'),
 ('gobgp-update-ipv4-addpath-second-path', 'gobgp', 'v4', ['198.19.42.0/25 path-id 2'], 'GoBGP UPDATE, second path (path id 2) for 198.19.42.0/25 with NEXT_HOP 198.19.0.99'),
 ('gobgp-update-ipv4-no-export', 'gobgp', 'v4', ['198.19.41.0/24 path-id', 'NO_EXPORT'], 'GoBGP UPDATE, IPv4 with path id: ORIGIN EGP, AS_PATH 64512 65010 4200000002, COMMUNITIES NO_EXPORT 64512:201; NEXT_HOP comes after COMMUNITIES (attributes not in type order)'),
 ('gobgp-update-ipv4-2-large-communities', 'gobgp', 'v4', ['198.19.43.0/24 path-id', 'LARGE_COMMUNITY 64512:3:1 64512:3:2'], 'GoBGP UPDATE, IPv4 with path id, MED 30, two large communities'),
 ('gobgp-update-as4path', 'gobgp', 'as2', ['198.19.41.0/24', 'AS4_PATH'], 'GoBGP UPDATE on the 2-octet session: AS_PATH 64512 65010 23456 plus AS4_PATH 64512 65010 4200000002, NO_EXPORT'),
 ('gobgp-update-ipv4-2octet', 'gobgp', 'as2', ['198.19.40.0/24', 'MULTI_EXIT_DISC 10'], 'GoBGP UPDATE on the 2-octet session: AS_PATH 64512 in 2-octet form, MED, COMMUNITIES, LARGE_COMMUNITY'),
 ('gobgp-update-ibgp-localpref', 'gobgp', 'ibgp', ['NLRI (IPv4): 198.19.40.0/24', 'LOCAL_PREF 100'], 'GoBGP iBGP UPDATE: empty AS_PATH, NEXT_HOP, MED, LOCAL_PREF 100, COMMUNITIES, LARGE_COMMUNITY'),
 ('gobgp-update-ibgp-ipv6-mapped-nexthop', 'gobgp', 'ibgp', ['MP_REACH_NLRI IPv6', 'fd00:198:19:400::/64'], 'GoBGP iBGP UPDATE, IPv6 over the IPv4 session: MP_REACH_NLRI whose next hop is the IPv4-mapped IPv6 address ::ffff:198.19.0.22 (BIRD rejects it: "mismatched address family")'),
 ('gobgp-update-ipv6-addpath', 'gobgp', 'v6', ['fd00:198:19:400::/64 path-id', 'MULTI_EXIT_DISC 20'], 'GoBGP UPDATE, IPv6 with path id: MP_REACH_NLRI (16-byte next hop), MED 20, COMMUNITIES, LARGE_COMMUNITY'),
 ('gobgp-update-ipv6-addpath-aspath', 'gobgp', 'v6', ['fd00:198:19:402::/64 path-id', 'AS_PATH 64512 65020'], 'GoBGP UPDATE, IPv6 with path id, AS_PATH 64512 65020, COMMUNITIES'),
 ('gobgp-eor-ipv4', 'gobgp', 'v4', ['End-of-RIB marker for IPv4'], 'GoBGP End-of-RIB for IPv4 unicast: the empty UPDATE'),
 ('gobgp-eor-ipv6', 'gobgp', 'v6', ['End-of-RIB marker for IPv6'], 'GoBGP End-of-RIB for IPv6 unicast: UPDATE with only an empty MP_UNREACH_NLRI'),
 ('gobgp-withdraw-ipv4-addpath', 'gobgp', 'v4', ['withdrawn routes (IPv4): 198.19.40.0/24 path-id'], 'GoBGP UPDATE withdrawing an IPv4 prefix with path id'),
 ('gobgp-withdraw-ipv4', 'gobgp', 'as2', ['withdrawn routes (IPv4): 198.19.40.0/24'], 'GoBGP UPDATE withdrawing an IPv4 prefix (no ADD-PATH)'),
 ('gobgp-withdraw-ipv6-addpath', 'gobgp', 'v6', ['MP_UNREACH_NLRI IPv6 unicast withdrawn: fd00:198:19:400::/64 path-id'], 'GoBGP UPDATE withdrawing an IPv6 prefix with path id in MP_UNREACH_NLRI'),
 ('gobgp-withdraw-ipv6', 'gobgp', 'ibgp', ['MP_UNREACH_NLRI IPv6 unicast withdrawn: fd00:198:19:400::/64'], 'GoBGP UPDATE withdrawing an IPv6 prefix in MP_UNREACH_NLRI (no ADD-PATH)'),
 ('gobgp-notification-shutdown', 'gobgp', 'as2', ['Administrative Shutdown', 'Wartungsfenster'], 'GoBGP NOTIFICATION Cease / Administrative Shutdown with a UTF-8 shutdown communication (non-ASCII: en dash, u-umlaut)'),
 ('gobgp-notification-admin-reset', 'gobgp', 'v4', ['Administrative Reset'], 'GoBGP NOTIFICATION Cease / Administrative Reset without data (gobgp neighbor reset)'),
 ('gobgp-notification-peer-deconfigured', 'gobgp', 'ibgp', ['Peer De-configured'], 'GoBGP NOTIFICATION Cease / Peer De-configured (gobgp neighbor del)'),
 ('gobgp-notification-bad-peer-as', 'gobgp', 'badas2', ['Bad Peer AS'], 'GoBGP NOTIFICATION OPEN Message Error / Bad Peer AS, no data'),
]

PEERNAME = {'bird': 'BIRD 2', 'gobgp': 'GoBGP'}
SESSDESC = {
    'v4': 'eBGP over IPv4 (198.19.0.1 AS 4200000001 <-> 198.19.0.2 AS 64512)',
    'v6': 'eBGP over IPv6 (fd00:198:19::1 AS 4200000001 <-> fd00:198:19::2 AS 64512)',
    'as2': 'eBGP over IPv4 (198.19.0.11 AS 4200000001, "enable as4 off" <-> 198.19.0.12 AS 64512)',
    'ibgp': 'iBGP over IPv4 (198.19.0.21 AS 64512 <-> 198.19.0.22 AS 64512)',
    'badas1': 'eBGP over IPv4 (198.19.0.31, BIRD configured for the wrong peer AS 65099 <-> 198.19.0.32 AS 64512)',
    'badas2': 'eBGP over IPv4 (198.19.0.41 AS 4200000001 <-> 198.19.0.42, GoBGP configured for the wrong peer AS 65098)',
}
def fams(l): return ', '.join(fam(a, s) for a, s in l) or 'none'

sel_dir = os.path.join(out, 'vectors'); os.makedirs(sel_dir, exist_ok=True)
table = []
missing = []
for name, snd, sess, must, summary in SEL:
    cand = [r for r in allrecs if r['sender'] == snd and r['session'] == sess and all(any(s in l for l in r['lines']) for s in must)]
    if not cand:
        missing.append(name); continue
    r = cand[0]
    raw = bytes.fromhex(r['hex'])
    assert raw[:16] == b'\xff' * 16 and int.from_bytes(raw[16:18], 'big') == len(raw)
    typ = {1: 'OPEN', 2: 'UPDATE', 3: 'NOTIFICATION', 4: 'KEEPALIVE', 5: 'ROUTE-REFRESH'}[raw[18]]
    hdr = ['%s (type %d), %d bytes, captured from a real session' % (typ, raw[18], len(raw)),
           'sender:   %s (%s)' % (PEERNAME[snd], r['src']),
           'receiver: %s (%s)' % (PEERNAME[r['receiver']], r['dst']),
           'session:  %s' % SESSDESC[sess]]
    if typ == 'UPDATE':
        hdr.append('negotiated: 4-octet AS %s; ADD-PATH path ids in this direction: %s; extended message: %s' % (
            'yes' if r['as4'] else 'NO (2-octet AS_PATH, AS4_PATH)', fams(r['addpath']), 'yes' if r['extmsg'] else 'no'))
    elif r['as4'] is not None:
        hdr.append('negotiated: 4-octet AS %s; ADD-PATH %s->%s: %s, %s->%s: %s; extended message: %s (not needed to decode this message)' % (
            'yes' if r['as4'] else 'no', snd, r['receiver'], fams(r['addpath']), r['receiver'], snd, fams(r['addpath_rx']), 'yes' if r['extmsg'] else 'no'))
    hdr.append('summary:  ' + summary)
    hdr.append('decoded:')
    hdr += ['  ' + l for l in r['lines']]
    h = r['hex']
    with open(os.path.join(sel_dir, name + '.hex'), 'w') as f:
        for l in hdr: f.write('# ' + l + '\n')
        for i in range(0, len(h), 32): f.write(h[i:i+32] + '\n')
    ctx = ''
    if typ == 'UPDATE':
        ctx = '4-octet AS: %s; ADD-PATH: %s' % ('yes' if r['as4'] else '**no**', fams(r['addpath']))
    else:
        ctx = 'none'
    table.append('| `%s.hex` | %s | %s | %s | %s |' % (name, typ, PEERNAME[snd], sess, ctx))
with open(os.path.join(out, 'table.md'), 'w') as f:
    f.write('| file | type | sender | session | context needed to decode |\n|---|---|---|---|---|\n')
    f.write('\n'.join(table) + '\n')
print('%d vectors written to %s' % (len(table), sel_dir), file=sys.stderr)
if missing:
    print('NOT FOUND: ' + ' '.join(missing), file=sys.stderr)
PY
python3 "$W/extract.py" "$W/segments.tsv" "$OUT"
