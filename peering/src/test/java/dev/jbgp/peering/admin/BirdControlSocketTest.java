package dev.jbgp.peering.admin;

import static dev.jbgp.peering.admin.LabSnapshots.UTC;
import static dev.jbgp.peering.admin.LabSnapshots.at;
import static dev.jbgp.peering.admin.LabSnapshots.snapshot;
import static dev.jbgp.peering.admin.LabSnapshots.trying;
import static dev.jbgp.peering.admin.LabSnapshots.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.StatusSnapshot;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BIRD's control socket served from a snapshot, read by the real {@code birdc} (Debian's bird2)
 * and by a raw client that reads lines as calicoctl and calico-node do.
 */
class BirdControlSocketTest {
    private static final Path BIRDC = Path.of("/usr/sbin/birdc");
    private static final String GREETING = "0001 BIRD v1.6.8+jbgp ready.";

    @TempDir
    Path dir;

    private final AtomicReference<StatusSnapshot> status = new AtomicReference<>(LabSnapshots.node1());
    private Path path;
    private BirdControlSocket socket;

    @BeforeEach
    void open() throws IOException {
        path = dir.resolve("bird.ctl");
        socket = BirdControlSocket.open(path, status::get, BirdControlSocket.DEFAULT_VERSION, UTC);
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
    }

    @Test
    void birdcShowsTheProtocolsAsBirdWouldList() throws Exception {
        assertEquals(String.join("\n",
                "BIRD v1.6.8+jbgp ready.",
                "name     proto    table    state  since       info",
                "kernel1  Kernel   master   up     10:57:40    ",
                "Mesh_198_19_0_1 BGP      master   up     22:05:49    Established   ",
                "Mesh_198_19_0_3 BGP      master   up     22:06:03    Established   ",
                "Global_198_19_15_254 BGP      master   up     10:58:02    Established   ",
                ""), birdc("show", "protocols"));
    }

    @Test
    void birdcShowsStatusAndTheGracefulRestartLineWhileRecovering() throws Exception {
        assertEquals(String.join("\n",
                "BIRD v1.6.8+jbgp ready.",
                "BIRD v1.6.8+jbgp",
                "Router ID is 198.19.0.2",
                "Current server time is 2026-11-20 22:10:00",
                "Last reboot on 2026-11-20 10:57:40",
                "Daemon is up and running",
                ""), birdc("show", "status"));
        status.set(recovering(LabSnapshots.node1()));
        assertEquals(String.join("\n",
                "BIRD v1.6.8+jbgp ready.",
                "BIRD v1.6.8+jbgp",
                "Router ID is 198.19.0.2",
                "Current server time is 2026-11-20 22:10:00",
                "Last reboot on 2026-11-20 10:57:40",
                "Graceful restart recovery in progress",
                "Daemon is up and running",
                ""), birdc("show", "status"));
    }

    @Test
    void birdcShowsOneProtocolInDetail() throws Exception {
        status.set(snapshot(List.of(
                up("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", at("22:06:03")),
                trying("Global_198_19_15_254", PeerType.GLOBAL, "198.19.15.254", "Active",
                        "Socket: Connection refused", at("22:09:58")))));
        assertEquals(String.join("\n",
                "BIRD v1.6.8+jbgp ready.",
                "name     proto    table    state  since       info",
                "Mesh_198_19_0_3 BGP      master   up     22:06:03    Established   ",
                "  Routes:         2 imported, 1 exported",
                "  BGP state:          Established",
                "    Neighbor address: 198.19.0.3",
                "    Neighbor AS:      64512",
                "    Neighbor ID:      198.19.0.3",
                "    Session:          internal",
                "    Hold time:        240",
                "",
                ""), birdc("show", "protocols", "all", "Mesh_198_19_0_3"));
        assertEquals(String.join("\n",
                "BIRD v1.6.8+jbgp ready.",
                "name     proto    table    state  since       info",
                "Global_198_19_15_254 BGP      master   start  22:09:58    Active        Socket: Connection refused",
                "  Routes:         0 imported, 0 exported",
                "  BGP state:          Active",
                "    Neighbor address: 198.19.15.254",
                "    Neighbor AS:      64512",
                "    Last error:       Socket: Connection refused",
                "",
                ""), birdc("show", "protocols", "all", "Global_198_19_15_254"));
    }

    @Test
    void repliesUseCodesAndContinuationLinesAsBirdsCliDoes() throws Exception {
        try (ControlClient client = ControlClient.connect(path)) {
            assertEquals(GREETING, client.line());
            assertEquals(List.of(
                    "2002-name     proto    table    state  since       info",
                    "1002-kernel1  Kernel   master   up     10:57:40    ",
                    " Mesh_198_19_0_1 BGP      master   up     22:05:49    Established   ",
                    " Mesh_198_19_0_3 BGP      master   up     22:06:03    Established   ",
                    " Global_198_19_15_254 BGP      master   up     10:58:02    Established   ",
                    "0000 "), client.ask("show protocols"));
            // After 1006 detail lines, the next row carries its code again.
            List<String> all = client.ask("show protocols all \"Mesh*\"");
            assertEquals("2002-name     proto    table    state  since       info", all.get(0));
            assertEquals("1002-Mesh_198_19_0_1 BGP      master   up     22:05:49    Established   ", all.get(1));
            assertEquals("1006-  Routes:         2 imported, 1 exported", all.get(2));
            assertTrue(all.contains("1002-Mesh_198_19_0_3 BGP      master   up     22:06:03    Established   "), all.toString());
            assertEquals(" ", all.get(all.size() - 2));
            assertEquals("0000 ", all.getLast());
        }
    }

    @Test
    void calicoctlReadsThePeersOfTheLabBackFromShowProtocols() throws Exception {
        status.set(snapshot(List.of(
                up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", at("22:05:49")),
                trying("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", "Active", "Socket: Connection refused",
                        at("22:09:00")),
                up("Node_198_19_15_254", PeerType.NODE_SPECIFIC, "198.19.15.254", at("10:58:02")))));
        try (ControlClient client = ControlClient.connect(path)) {
            client.send("show protocols");
            assertEquals(List.of(
                    List.of("198.19.0.1", "node-to-node mesh", "up", "22:05:49", "Established"),
                    List.of("198.19.0.3", "node-to-node mesh", "start", "22:09:00", "Active Socket: Connection refused"),
                    List.of("198.19.15.254", "node specific", "up", "10:58:02", "Established")),
                    calicoctlScan(client));
        }
    }

    @Test
    void calicoNodesStatusReporterAcceptsEveryLineOfShowProtocolsAll() throws Exception {
        status.set(snapshot(List.of(
                up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", at("22:05:49")),
                trying("Global_198_19_15_254", PeerType.GLOBAL, "198.19.15.254", "Active",
                        "Socket: Connection refused", at("22:09:58")))));
        try (ControlClient client = ControlClient.connect(path)) {
            List<String> lines = new ArrayList<>();
            lines.add(client.line());
            lines.addAll(client.ask("show protocols all"));
            // The reporter's checks (calico node/pkg/lifecycle/.../bgp): version, header, then chunks per peer.
            assertTrue(Pattern.matches("(?:0001)?\\s+BIRD\\s+v.+ready.*", lines.get(0)), lines.get(0));
            assertTrue(Pattern.matches("(?:2002-)?\\s*name\\s+proto\\s+table\\s+state\\s+since\\s+info(.*)", lines.get(1)));
            Pattern summary = Pattern.compile("(?:1002-)(Global|Node|Mesh)_(.+)");
            Pattern routes = Pattern.compile("\\s+Routes:\\s+(.*)");
            Pattern anyDetail = Pattern.compile("(?:1006-)?\\s+[^:]+[:]?\\s+.+\\s*");
            int peers = 0;
            boolean inPeer = false;
            for (String line : lines.subList(2, lines.size())) {
                if (line.isBlank() || line.startsWith("0000")) {
                    inPeer = false;
                    continue;
                }
                if (summary.matcher(line).lookingAt() && line.split("\\s+")[1].equals("BGP")) {
                    peers++;
                    inPeer = true;
                    continue;
                }
                if (inPeer) {
                    assertTrue(routes.matcher(line).matches() || anyDetail.matcher(line).matches(), line);
                }
            }
            assertEquals(2, peers);
        }
    }

    @Test
    void showStatusLinesAreAllOnesTheReadinessProbeKnows() throws Exception {
        status.set(recovering(LabSnapshots.node1()));
        try (ControlClient client = ControlClient.connect(path)) {
            List<String> lines = new ArrayList<>();
            lines.add(client.line());
            lines.addAll(client.ask("show status"));
            // calico-node's GRInProgress: 0024 means recovering; 0013 ends; any other code is an error.
            boolean recovering = false;
            for (String line : lines) {
                assertTrue(line.matches("(0001|1000|1011|0024|0013|\\s).*"), line);
                recovering |= line.startsWith("0024");
            }
            assertTrue(recovering);
            assertEquals(List.of(
                    GREETING,
                    "1000-BIRD v1.6.8+jbgp",
                    "1011-Router ID is 198.19.0.2",
                    " Current server time is 2026-11-20 22:10:00",
                    " Last reboot on 2026-11-20 10:57:40",
                    "0024-Graceful restart recovery in progress",
                    "0013 Daemon is up and running"), lines);
        }
    }

    @Test
    void aStoppedProtocolShowsOnlyItsLastErrorAsBirdDoes() throws Exception {
        PeerStatus down = new PeerStatus("Mesh_198_19_0_3", PeerType.MESH, java.net.InetAddress.getByName("198.19.0.3"),
                179, 64512, 64512, "Idle", "down", at("22:01:00"), "Idle Received: Bad peer AS",
                "Received: Bad peer AS", false, "", 0, 0, 0, 0, 0, 0, 0);
        status.set(snapshot(List.of(down)));
        try (ControlClient client = ControlClient.connect(path)) {
            client.line();
            assertEquals(List.of(
                    "2002-name     proto    table    state  since       info",
                    "1002-kernel1  Kernel   master   up     10:57:40    ",
                    " Mesh_198_19_0_3 BGP      master   down   22:01:00    Received: Bad peer AS",
                    "0000 "), client.ask("show protocols"));
            List<String> details = client.ask("show protocols all Mesh_198_19_0_3");
            assertTrue(details.contains("1006-  BGP state:          Down"), details.toString());
            assertFalse(details.stream().anyMatch(l -> l.contains("Routes:")), details.toString());
        }
    }

    @Test
    void namesPatternsAndMistakesAreAnsweredWithBirdsCodes() throws Exception {
        try (ControlClient client = ControlClient.connect(path)) {
            client.line();
            assertEquals(List.of("9002 Mesh_10_0_0_1 is not a protocol"), client.ask("show protocols Mesh_10_0_0_1"));
            assertEquals(List.of("8003 No protocols match"), client.ask("show protocols \"Node_*\""));
            List<String> globals = client.ask("show protocols \"Gl?bal_*\"");
            assertEquals(3, globals.size(), globals.toString());
            assertTrue(globals.get(1).startsWith("1002-Global_198_19_15_254 "), globals.toString());
            assertEquals(List.of("9001 syntax error"), client.ask("show routes"));
            assertEquals(List.of("9001 syntax error"), client.ask("frobnicate"));
            assertEquals(List.of("9001 syntax error"), client.ask(""));
            assertEquals(List.of("9001 syntax error"), client.ask("show protocols 198.19.0.3"));
            assertEquals(List.of("9001 Unknown character"), client.ask("show protocols \"Mesh*"));
            assertEquals(List.of("0016 Access restricted"), client.ask("restrict"));
            assertEquals("0013 Daemon is up and running", client.ask("show status").getLast());
        }
    }

    @Test
    void aCommandTooLongForBirdsBufferIsRefusedAndTheSessionGoesOn() throws Exception {
        try (ControlClient client = ControlClient.connect(path)) {
            client.line();
            assertEquals(List.of("9000 Command too long"), client.ask("show status " + "x".repeat(5000)));
            // The longest command BIRD takes is 4093 characters: padded with spaces, it is still a command.
            String longest = "show status" + " ".repeat(BirdControlSocket.MAX_COMMAND - "show status".length());
            assertEquals("0013 Daemon is up and running", client.ask(longest).getLast());
            assertEquals(List.of("9000 Command too long"), client.ask(longest + " "));
            assertEquals("0013 Daemon is up and running", client.ask("show status\r").getLast());
        }
    }

    @Test
    void quitAndExitEndTheSession() throws Exception {
        for (String command : List.of("quit", "exit")) {
            try (ControlClient client = ControlClient.connect(path)) {
                client.line();
                client.send(command);
                assertTrue(client.closedByServer(), command);
            }
        }
    }

    @Test
    void aFailingSpeakerIsARuntimeErrorNotADroppedSession() throws Exception {
        status.set(null);
        try (ControlClient client = ControlClient.connect(path)) {
            client.line();
            List<String> reply = client.ask("show status");
            assertEquals(1, reply.size(), reply.toString());
            assertTrue(reply.getFirst().startsWith("8000 "), reply.toString());
            status.set(LabSnapshots.node1());
            assertEquals("0013 Daemon is up and running", client.ask("show status").getLast());
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        socket.close();
        Path stale = dir.resolve("stale.ctl");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "closing a UNIX socket leaves its file");
        socket = BirdControlSocket.open(stale, status::get, BirdControlSocket.DEFAULT_VERSION, UTC);
        try (ControlClient client = ControlClient.connect(stale)) {
            assertEquals(GREETING, client.line());
        }
    }

    @Test
    void aSocketSomeoneAnswersOnIsNotTakenOver() throws Exception {
        IOException error = assertThrows(IOException.class,
                () -> BirdControlSocket.open(path, status::get, BirdControlSocket.DEFAULT_VERSION, UTC));
        assertTrue(error.getMessage().contains("in use"), error.getMessage());
        try (ControlClient client = ControlClient.connect(path)) {
            assertEquals(GREETING, client.line());
        }
    }

    @Test
    void aFileThatIsNoSocketIsLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a socket");
        IOException error = assertThrows(IOException.class,
                () -> BirdControlSocket.open(file, status::get, BirdControlSocket.DEFAULT_VERSION, UTC));
        assertTrue(error.getMessage().contains("not a socket"), error.getMessage());
        assertEquals("not a socket", Files.readString(file));
    }

    @Test
    void closeDisconnectsClientsAndRemovesTheFile() throws Exception {
        try (ControlClient client = ControlClient.connect(path)) {
            assertEquals(GREETING, client.line());
            socket.close();
            assertTrue(client.closedByServer());
        }
        assertFalse(Files.exists(path));
        socket.close(); // twice is harmless
    }

    @Test
    void clientsBeyondTheLimitAreClosedOnArrival() throws Exception {
        List<ControlClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < BirdControlSocket.MAX_CLIENTS; i++) {
                ControlClient client = ControlClient.connect(path);
                clients.add(client);
                assertEquals(GREETING, client.line());
            }
            try (ControlClient extra = ControlClient.connect(path)) {
                assertTrue(extra.closedByServer());
            }
            clients.removeFirst().close();
            // The slot comes back once the server sees the client gone.
            long deadline = System.currentTimeMillis() + 2_000;
            String greeting = null;
            while (greeting == null && System.currentTimeMillis() < deadline) {
                try (ControlClient again = ControlClient.connect(path)) {
                    greeting = again.closedByServer() ? null : GREETING;
                }
            }
            assertEquals(GREETING, greeting);
        } finally {
            for (ControlClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void patternsMatchAsBirdsPatmatch() {
        assertTrue(BirdCommands.patternMatches("Mesh_*", "Mesh_198_19_0_1"));
        assertTrue(BirdCommands.patternMatches("*_0_?", "Mesh_198_19_0_1"));
        assertTrue(BirdCommands.patternMatches("*", ""));
        assertFalse(BirdCommands.patternMatches("mesh_*", "Mesh_198_19_0_1"));
        assertFalse(BirdCommands.patternMatches("Mesh_?", "Mesh_"));
        assertTrue(BirdCommands.patternMatches("**a**b**", "xaxbx"));
    }

    /** What {@code birdc -s <socket> <command...>} prints, the client killed after ten seconds. */
    private String birdc(String... command) throws Exception {
        // CI installs bird2 and sets JBGP_REQUIRE_INTEROP=1: there a missing birdc fails the test.
        assumeTrue(Files.isExecutable(BIRDC) || "1".equals(System.getenv("JBGP_REQUIRE_INTEROP")),
                "birdc from Debian's bird2 package is not installed");
        List<String> argv = new ArrayList<>(List.of(BIRDC.toString(), "-s", path.toString()));
        argv.addAll(List.of(command));
        Path out = dir.resolve("birdc.out");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).start();
        try {
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "birdc did not finish");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), Files.readString(out));
        return Files.readString(out);
    }

    /**
     * calicoctl's {@code scanBIRDPeers} and {@code unmarshalBIRD}: rows from {@code 1002-} and
     * continuation lines, BGP protocols named {@code (Global|Node|Mesh)_<ip>}, INFO rebuilt from
     * the fields after SINCE. Each peer as [address, type, state, since, info].
     */
    private static List<List<String>> calicoctlScan(ControlClient client) throws IOException {
        Pattern name = Pattern.compile("^(Global|Node|Mesh)_(.+)$");
        List<List<String>> peers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String line = client.line();
            if (line == null || line.startsWith("0000")) {
                return peers;
            }
            if (line.startsWith("0001")) {
                continue;
            }
            if (line.startsWith("2002")) {
                assertEquals(List.of("name", "proto", "table", "state", "since", "info"),
                        List.of(line.substring(5).trim().split("\\s+")));
                continue;
            }
            String row;
            if (line.startsWith("1002")) {
                row = line.substring(5);
            } else if (line.startsWith(" ")) {
                row = line.substring(1);
            } else {
                throw new AssertionError("calicoctl fails on this line: " + line);
            }
            String[] columns = row.trim().split("\\s+");
            Matcher m = name.matcher(columns[0]);
            if (columns.length < 6 || !columns[1].equals("BGP") || !m.matches()) {
                continue;
            }
            String type = switch (m.group(1)) {
                case "Global" -> "global";
                case "Mesh" -> "node-to-node mesh";
                default -> "node specific";
            };
            String info = String.join(" ", List.of(columns).subList(5, columns.length));
            peers.add(List.of(m.group(2).replace('_', '.'), type, columns[3], columns[4], info));
        }
        throw new AssertionError("no end of reply");
    }

    private static StatusSnapshot recovering(StatusSnapshot s) {
        return new StatusSnapshot(s.routerId(), s.localAs(), s.startedAt(), s.takenAt(), s.peers(), true, false,
                s.prefixes(), s.paths(), s.kernelRoutes());
    }

    @Test
    void silentClientsAreClosedAfterTheIdleLimitSoTheyCannotLockOutProbes() throws Exception {
        Path quick = dir.resolve("quick.ctl");
        try (BirdControlSocket short_ = BirdControlSocket.open(quick, status::get, BirdControlSocket.DEFAULT_VERSION, UTC,
                java.time.Duration.ofMillis(400))) {
            List<ControlClient> silent = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < BirdControlSocket.MAX_CLIENTS; i++) {
                    ControlClient c = ControlClient.connect(quick);
                    assertEquals(GREETING, c.line());
                    silent.add(c);
                }
                for (ControlClient c : silent) {
                    assertTrue(c.closedByServer(), "an idle client is closed");
                }
                try (ControlClient probe = ControlClient.connect(quick)) {
                    assertEquals(GREETING, probe.line());
                    assertEquals("0013 Daemon is up and running", probe.ask("show status").getLast());
                }
            } finally {
                for (ControlClient c : silent) {
                    c.close();
                }
            }
        }
    }

    @Test
    void whenEveryPlaceIsTakenANewClientTakesThePlaceOfTheLongestSilentOne() throws Exception {
        List<ControlClient> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < BirdControlSocket.MAX_CLIENTS; i++) {
                ControlClient c = ControlClient.connect(path);
                assertEquals(GREETING, c.line());
                silent.add(c);
            }
            Thread.sleep(BirdControlSocket.EVICTABLE.toMillis() + 200);
            try (ControlClient probe = ControlClient.connect(path)) {
                assertEquals(GREETING, probe.line());
                assertEquals("0013 Daemon is up and running", probe.ask("show status").getLast());
            }
            assertTrue(silent.getFirst().closedByServer(), "the first, longest silent, gave its place");
        } finally {
            for (ControlClient c : silent) {
                c.close();
            }
        }
    }
}
