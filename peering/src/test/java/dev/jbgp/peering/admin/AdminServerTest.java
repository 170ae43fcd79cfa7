package dev.jbgp.peering.admin;

import static dev.jbgp.peering.admin.LabSnapshots.at;
import static dev.jbgp.peering.admin.LabSnapshots.snapshot;
import static dev.jbgp.peering.admin.LabSnapshots.trying;
import static dev.jbgp.peering.admin.LabSnapshots.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.StatusSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API on 127.0.0.1, port 0, read with the JDK's HTTP client. */
class AdminServerTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final AtomicReference<StatusSnapshot> status = new AtomicReference<>(LabSnapshots.node1());
    private AdminServer server;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), status::get, LabSnapshots::node1Routes);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void listensOnTheLoopbackAddressItWasGivenAndReportsThePortItGot() {
        assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
        assertNotEquals(0, server.port());
        assertEquals(server.port(), server.address().getPort());
    }

    @Test
    void refusesToListenAnywhereButLoopback() {
        var error = assertThrows(IllegalArgumentException.class, () -> AdminServer.start(
                new InetSocketAddress("0.0.0.0", 0), status::get, List::of));
        assertTrue(error.getMessage().contains("loopback"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdminServer.start(
                new InetSocketAddress("198.19.0.2", 0), status::get, List::of));
    }

    @Test
    void statusIsTheSnapshotAsJsonWithAddressesAsTextAndInstantsInIso8601() throws Exception {
        var response = get("/status");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("198.19.0.2", json.get("routerId").asText());
        assertEquals(64512, json.get("localAs").asLong());
        assertEquals("2026-11-20T22:10:00Z", json.get("takenAt").asText());
        assertEquals("2026-11-20T10:57:40Z", json.get("startedAt").asText());
        JsonNode first = json.get("peers").get(0);
        assertEquals("Mesh_198_19_0_1", first.get("name").asText());
        assertEquals("198.19.0.1", first.get("address").asText());
        assertEquals("MESH", first.get("type").asText());
        assertEquals("2026-11-20T22:05:49Z", first.get("since").asText());
        assertEquals("up", first.get("protocolState").asText());
        assertEquals(3, json.get("peers").size());
    }

    @Test
    void statusReadsBackIntoTheSameSnapshot() throws Exception {
        StatusSnapshot read = AdminJson.mapper().readValue(get("/status").body(), StatusSnapshot.class);
        assertEquals(LabSnapshots.node1(), read);
    }

    @Test
    void everyRequestRendersAFreshSnapshot() throws Exception {
        assertEquals(3, AdminJson.mapper().readValue(get("/peers").body(), new TypeReference<List<PeerStatus>>() { }).size());
        status.set(snapshot(List.of(up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", at("22:05:49")))));
        assertEquals(1, AdminJson.mapper().readValue(get("/peers").body(), new TypeReference<List<PeerStatus>>() { }).size());
    }

    @Test
    void peersListsThePeersAndPeersSlashNameOneOfThem() throws Exception {
        List<PeerStatus> peers = AdminJson.mapper().readValue(get("/peers").body(), new TypeReference<>() { });
        assertEquals(LabSnapshots.node1().peers(), peers);
        var one = get("/peers/Global_198_19_15_254");
        assertEquals(200, one.statusCode());
        assertEquals(LabSnapshots.node1().peers().get(2), AdminJson.mapper().readValue(one.body(), PeerStatus.class));
        var none = get("/peers/Mesh_10_0_0_1");
        assertEquals(404, none.statusCode());
        assertTrue(error(none).contains("Mesh_10_0_0_1"), none.body());
    }

    @Test
    void routesListsTheLocRibAndTakesAPrefixOrAnAddress() throws Exception {
        assertEquals(LabSnapshots.node1Routes(), routes("/routes"));
        assertEquals(List.of("198.19.21.64/26"), prefixes(routes("/routes?prefix=198.19.21.64/26")));
        assertEquals(List.of("198.19.21.64/26"), prefixes(routes("/routes?prefix=198.19.21.64%2F26")));
        assertEquals(List.of(), routes("/routes?prefix=198.19.21.0/24"));
        // The longest prefix holding the address, as BIRD's "show route for".
        assertEquals(List.of("198.19.21.64/26"), prefixes(routes("/routes?for=198.19.21.70")));
        assertEquals(List.of("10.0.0.0/8"), prefixes(routes("/routes?for=10.1.2.3")));
        assertEquals(List.of(), routes("/routes?for=192.0.2.1"));
    }

    @Test
    void aRouteLookupAnswersSinglePrefixesWithoutTheWholeList() throws Exception {
        server.close();
        AtomicInteger lookups = new AtomicInteger();
        Supplier<List<RouteView>> noList = () -> {
            throw new AssertionError("the whole list was built");
        };
        server = AdminServer.start(ANY_LOOPBACK_PORT, status::get, noList, prefix -> {
            lookups.incrementAndGet();
            return LabSnapshots.node1Routes().stream().filter(r -> Prefix.parse(r.prefix()).equals(prefix)).findFirst();
        });
        assertEquals(List.of("198.19.21.64/26"), prefixes(routes("/routes?prefix=198.19.21.64/26")));
        assertEquals(1, lookups.get());
        assertEquals(List.of("198.19.21.64/26"), prefixes(routes("/routes?for=198.19.21.70")));
        assertEquals(1 + (32 - 26 + 1), lookups.get(), "one lookup per length from /32 down to the /26");
    }

    @Test
    void aBadPrefixIsABadRequestThatSaysWhy() throws Exception {
        var response = get("/routes?prefix=198.19.21.300/26");
        assertEquals(400, response.statusCode());
        assertTrue(error(response).contains("198.19.21.300/26"), response.body());
        assertEquals(400, get("/routes?for=198.19.21.0/24").statusCode());
        assertEquals(400, get("/routes?prefix=198.19.21.0/24&for=198.19.21.1").statusCode());
    }

    @Test
    void healthzAnswersWhileTheSpeakerDoesAndFailsWhenItThrows() throws Exception {
        var ok = get("/healthz");
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());
        server.close();
        server = AdminServer.start(ANY_LOOPBACK_PORT, () -> {
            throw new IllegalStateException("speaker closed");
        }, List::of);
        var failing = get("/healthz");
        assertEquals(503, failing.statusCode());
        assertTrue(failing.body().contains("speaker closed"), failing.body());
    }

    @Test
    void readyzIs200WhenReadyElse503NamingThePeersNotYetEstablished() throws Exception {
        var ready = get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());

        status.set(snapshot(List.of(
                up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", at("22:05:49")),
                trying("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", "Active", "Socket: Connection refused",
                        at("22:09:00")))));
        var notReady = get("/readyz");
        assertEquals(503, notReady.statusCode());
        assertEquals("not ready: waiting for 1 of 2 peers to be Established once: Mesh_198_19_0_3\n", notReady.body());
    }

    @Test
    void readyzSaysSoWhileGracefulRestartRecoveryHoldsItBack() throws Exception {
        StatusSnapshot s = LabSnapshots.node1();
        status.set(new StatusSnapshot(s.routerId(), s.localAs(), s.startedAt(), s.takenAt(), s.peers(), true, false,
                s.prefixes(), s.paths(), s.kernelRoutes()));
        var response = get("/readyz");
        assertEquals(503, response.statusCode());
        assertEquals("not ready: graceful restart recovery in progress\n", response.body());
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        var response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        String body = response.body();
        String mesh1 = "peer=\"Mesh_198_19_0_1\",address=\"198.19.0.1\"";
        assertTrue(body.contains("# TYPE jbgp_peer_up gauge\n"), body);
        assertTrue(body.contains("jbgp_peer_up{" + mesh1 + "} 1\n"), body);
        assertTrue(body.contains("jbgp_peer_state{" + mesh1 + ",state=\"Established\",protocol_state=\"up\"} 1\n"), body);
        assertTrue(body.contains("jbgp_peer_info{" + mesh1
                + ",port=\"179\",type=\"node-to-node mesh\",peer_as=\"64512\",local_as=\"64512\"} 1\n"), body);
        assertTrue(body.contains("# TYPE jbgp_peer_updates_received_total counter\n"), body);
        assertTrue(body.contains("jbgp_peer_updates_received_total{" + mesh1 + "} 12\n"), body);
        assertTrue(body.contains("jbgp_peer_updates_sent_total{" + mesh1 + "} 9\n"), body);
        assertTrue(body.contains("jbgp_peer_prefixes_received{" + mesh1 + "} 3\n"), body);
        assertTrue(body.contains("jbgp_peer_prefixes_accepted{" + mesh1 + "} 2\n"), body);
        assertTrue(body.contains("jbgp_peer_prefixes_advertised{" + mesh1 + "} 1\n"), body);
        assertTrue(body.contains("jbgp_peer_established_transitions_total{" + mesh1 + "} 1\n"), body);
        assertTrue(body.contains("jbgp_peer_state_since_seconds{" + mesh1 + "} 1795212349.000\n"), body);
        assertTrue(body.contains("jbgp_rib_prefixes 4\n"), body);
        assertTrue(body.contains("jbgp_rib_paths 5\n"), body);
        assertTrue(body.contains("jbgp_kernel_routes 4\n"), body);
        assertTrue(body.contains("jbgp_ready 1\n"), body);
        assertTrue(body.contains("jbgp_graceful_restart_recovery 0\n"), body);
        assertPrometheusSyntax(body);
    }

    @Test
    void metricsLeaveOutKernelRoutesWithoutAKernelTableAndEscapeLabelValues() throws Exception {
        PeerStatus odd = new PeerStatus("Peer_\"quoted\"\\back", PeerType.CONFIGURED, InetAddress.getByName("127.0.0.2"),
                179, 65001, 64512, "Idle", "start", at("22:00:00"), "Idle", "", false, "", 0, 0, 0, 0, 0, 0, 0);
        StatusSnapshot s = LabSnapshots.snapshot(List.of(odd));
        status.set(new StatusSnapshot(s.routerId(), s.localAs(), s.startedAt(), s.takenAt(), s.peers(), false, false,
                0, 0, -1));
        String body = get("/metrics").body();
        assertFalse(body.contains("jbgp_kernel_routes"), body);
        assertTrue(body.contains("jbgp_peer_up{peer=\"Peer_\\\"quoted\\\"\\\\back\",address=\"127.0.0.2\"} 0\n"), body);
        assertPrometheusSyntax(body);
    }

    @Test
    void onlyGetIsServed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            var response = http.send(request("/status").method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("Allow").orElseThrow(), method);
        }
        var head = http.send(request("/status").HEAD().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, head.statusCode());
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        for (String path : List.of("/", "/status/", "/statuses", "/api/v1/status")) {
            var response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(error(response).contains("/status"), response.body());
        }
    }

    @Test
    void aSpeakerThatFailsGivesA500NotADroppedConnection() throws Exception {
        server.close();
        server = AdminServer.start(ANY_LOOPBACK_PORT, () -> {
            throw new IllegalStateException("RIB thread gone");
        }, List::of);
        var response = get("/status");
        assertEquals(500, response.statusCode());
        assertTrue(error(response).contains("RIB thread gone"), response.body());
    }

    @Test
    void closeStopsListening() throws Exception {
        int port = server.port();
        server.close();
        assertThrows(IOException.class, () -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void addressesAreReadAsIpLiteralsOnly() {
        assertEquals(new InetSocketAddress("127.0.0.1", 9179), AdminServer.parseAddress(AdminServer.DEFAULT_ADDRESS));
        assertEquals(new InetSocketAddress("::1", 9179), AdminServer.parseAddress("[::1]:9179"));
        assertThrows(IllegalArgumentException.class, () -> AdminServer.parseAddress("localhost:9179"));
        assertThrows(IllegalArgumentException.class, () -> AdminServer.parseAddress("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> AdminServer.parseAddress("127.0.0.1:http"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(5));
    }

    private List<RouteView> routes(String path) throws IOException, InterruptedException {
        var response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        return AdminJson.mapper().readValue(response.body(), new TypeReference<>() { });
    }

    private static List<String> prefixes(List<RouteView> routes) {
        return routes.stream().map(RouteView::prefix).toList();
    }

    private static String error(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body()).get("error").asText();
    }

    /** Each line a comment, or a name, optional labels and a number, as the exposition format has them. */
    private static void assertPrometheusSyntax(String body) {
        assertTrue(body.endsWith("\n"));
        var sample = java.util.regex.Pattern.compile(
                "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*})? -?[0-9]+(\\.[0-9]+)?");
        for (String line : body.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            assertTrue(sample.matcher(line).matches(), "not a sample line: " + line);
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedSoABrowserPageCannotReadTheApi() throws IOException {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /status HTTP/1.1\r\nHost: attacker.example:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 403"), reply);
        }
    }

    @Test
    void loopbackHostNamesAreTheOnlyOnesAnswered() {
        for (String ok : List.of("localhost", "localhost:9179", "127.0.0.1", "127.0.0.1:9179", "[::1]:9179", "::1")) {
            assertTrue(AdminServer.loopbackHost(ok), ok);
        }
        for (String bad : List.of("attacker.example", "10.0.0.1:9179", "127.0.0.1.example", "[2001:db8::1]:9179")) {
            assertFalse(AdminServer.loopbackHost(bad), bad);
        }
    }
}
