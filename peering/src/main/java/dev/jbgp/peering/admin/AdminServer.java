package dev.jbgp.peering.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.StatusSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read-only admin API over HTTP, on a loopback address only. Every answer is rendered from
 * one fresh {@link StatusSnapshot} or route list, so the API reads the speaker the way the CLI
 * and the BIRD control socket do.
 *
 * <table>
 *   <caption>Resources (GET only; anything else is 405, an unknown path 404)</caption>
 *   <tr><td>{@code /status}</td><td>the snapshot as JSON</td></tr>
 *   <tr><td>{@code /peers}</td><td>the peers as a JSON array; {@code /peers/<name>} one of them</td></tr>
 *   <tr><td>{@code /routes}</td><td>the Loc-RIB as a JSON array; {@code ?prefix=198.19.21.64/26} that
 *       prefix only, {@code ?for=198.19.21.70} the longest prefix holding that address</td></tr>
 *   <tr><td>{@code /healthz}</td><td>200 while the speaker answers (liveness)</td></tr>
 *   <tr><td>{@code /readyz}</td><td>200 when the snapshot says ready, else 503 and why (readiness)</td></tr>
 *   <tr><td>{@code /metrics}</td><td>Prometheus text format</td></tr>
 * </table>
 *
 * Requests are served on virtual threads; {@link #close()} stops the listener at once.
 */
public final class AdminServer implements AutoCloseable {
    /** Where {@code jbgp run} serves the API and {@code jbgp status} looks for it unless told otherwise. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:9179";

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<StatusSnapshot> status;
    private final Supplier<List<RouteView>> routes;
    private final Function<Prefix, Optional<RouteView>> lookup;

    private AdminServer(HttpServer server, ExecutorService executor, Supplier<StatusSnapshot> status,
                        Supplier<List<RouteView>> routes, Function<Prefix, Optional<RouteView>> lookup) {
        this.server = server;
        this.executor = executor;
        this.status = status;
        this.routes = routes;
        this.lookup = lookup;
    }

    /** Serves on {@code address}, which must be a loopback address (port 0 picks a free port). */
    public static AdminServer start(InetSocketAddress address, Supplier<StatusSnapshot> status,
                                    Supplier<List<RouteView>> routes) throws IOException {
        return start(address, status, routes, null);
    }

    /**
     * As {@link #start(InetSocketAddress, Supplier, Supplier)}, with {@code lookup} answering one
     * prefix without building the whole route list, for {@code ?prefix=} and {@code ?for=}.
     */
    public static AdminServer start(InetSocketAddress address, Supplier<StatusSnapshot> status,
                                    Supplier<List<RouteView>> routes,
                                    Function<Prefix, Optional<RouteView>> lookup) throws IOException {
        InetAddress ip = address.getAddress();
        if (ip == null || !ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin API listens on a loopback address only, not " + address);
        }
        // The JDK's server takes any number of connections unless told: a local client must not be
        // able to use up the daemon's file descriptors, which its BGP sessions need too.
        if (System.getProperty("jdk.httpserver.maxConnections") == null) {
            System.setProperty("jdk.httpserver.maxConnections", "64");
        }
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        AdminServer admin = new AdminServer(server, executor, status, routes, lookup);
        server.createContext("/", admin::handle);
        server.start();
        return admin;
    }

    /** The address it listens on, with the port it was given. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and drops the requests in progress. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * {@code 127.0.0.1:9179} or {@code [::1]:9179} as a socket address. Only IP literals: a host
     * name would need a DNS lookup to reach a local daemon.
     */
    public static InetSocketAddress parseAddress(String text) {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address:port: " + text, e);
        }
        if (!hostAndPort.hasPort()) {
            throw new IllegalArgumentException("no port in " + text + " (like " + DEFAULT_ADDRESS + ")");
        }
        if (!InetAddresses.isInetAddress(hostAndPort.getHost())) {
            throw new IllegalArgumentException("not an IP address: " + hostAndPort.getHost());
        }
        return new InetSocketAddress(InetAddresses.forString(hostAndPort.getHost()), hostAndPort.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host != null && !loopbackHost(host)) {
                // A web page the operator opens could send its browser here under another name
                // (DNS rebinding): only requests addressed to a loopback host are answered.
                answer = Answer.text(403, "the admin API answers requests for a loopback host only, not " + host);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                answer = Answer.text(405, "only GET is served here, not " + exchange.getRequestMethod());
            } else {
                answer = answer(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(answer.code(), -1);
                return;
            }
            exchange.sendResponseHeaders(answer.code(), answer.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer.body());
            }
        }
    }

    /** Whether a Host header names this machine's loopback: localhost, 127.x.y.z or ::1, with any port. */
    static boolean loopbackHost(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (h.indexOf(':', colon + 1) >= 0) {
                return h.equals("::1");
            }
            h = h.substring(0, colon);
        }
        h = h.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private Answer answer(String path, String query) {
        try {
            Map<String, String> parameters = parameters(query);
            return switch (path) {
                case "/status" -> Answer.json(200, status.get());
                case "/peers" -> Answer.json(200, status.get().peers());
                case "/routes" -> routes(parameters);
                case "/healthz" -> healthz();
                case "/readyz" -> readyz();
                case "/metrics" -> new Answer(200, Metrics.CONTENT_TYPE, bytes(Metrics.render(status.get())));
                default -> path.startsWith("/peers/") ? peer(decode(path.substring("/peers/".length()))) : notFound(path);
            };
        } catch (BadRequest e) {
            return Answer.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return Answer.error(500, "the speaker could not answer: " + e);
        }
    }

    private Answer peer(String name) {
        for (PeerStatus peer : status.get().peers()) {
            if (peer.name().equals(name)) {
                return Answer.json(200, peer);
            }
        }
        return Answer.error(404, "no peer named " + name);
    }

    private Answer routes(Map<String, String> parameters) {
        String prefix = parameters.get("prefix");
        String address = parameters.get("for");
        if (prefix != null && address != null) {
            throw new BadRequest("ask for a prefix or for an address, not both");
        }
        if (prefix != null) {
            return Answer.json(200, exact(parsePrefix(prefix, "prefix")).stream().toList());
        }
        if (address != null) {
            if (address.contains("/")) {
                throw new BadRequest("for= takes an address, not a prefix: " + address);
            }
            return Answer.json(200, longestMatch(parsePrefix(address, "address")).stream().toList());
        }
        return Answer.json(200, routes.get());
    }

    private Optional<RouteView> exact(Prefix prefix) {
        if (lookup != null) {
            return lookup.apply(prefix);
        }
        for (RouteView route : routes.get()) {
            if (Prefix.parse(route.prefix()).equals(prefix)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The most specific prefix that holds {@code host} (a /32 or /128), like BIRD's {@code show route for}. */
    private Optional<RouteView> longestMatch(Prefix host) {
        if (lookup != null) {
            for (int length = host.length(); length >= 0; length--) {
                Optional<RouteView> route = lookup.apply(Prefix.of(host.address(), length));
                if (route.isPresent()) {
                    return route;
                }
            }
            return Optional.empty();
        }
        RouteView best = null;
        int bestLength = -1;
        for (RouteView route : routes.get()) {
            Prefix prefix = Prefix.parse(route.prefix());
            if (prefix.contains(host) && prefix.length() > bestLength) {
                best = route;
                bestLength = prefix.length();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Prefix parsePrefix(String text, String what) {
        try {
            return Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not an IP " + what + ": " + text);
        }
    }

    private Answer healthz() {
        try {
            status.get();
            return Answer.text(200, "ok");
        } catch (RuntimeException e) {
            return Answer.text(503, "the speaker does not answer: " + e);
        }
    }

    private Answer readyz() {
        StatusSnapshot snapshot = status.get();
        if (snapshot.ready()) {
            return Answer.text(200, "ready");
        }
        List<String> reasons = new ArrayList<>();
        List<String> waiting = snapshot.peers().stream().filter(p -> !p.establishedOnce()).map(PeerStatus::name).toList();
        if (!waiting.isEmpty()) {
            reasons.add("waiting for " + waiting.size() + " of " + snapshot.peers().size()
                    + " peers to be Established once: " + String.join(", ", waiting));
        }
        if (snapshot.gracefulRestartRecovery()) {
            reasons.add("graceful restart recovery in progress");
        }
        return Answer.text(503, "not ready" + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
    }

    private static Answer notFound(String path) {
        return Answer.error(404, "nothing at " + path
                + " (try /status, /peers, /routes, /healthz, /readyz, /metrics)");
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (parameters.put(name, value) != null) {
                throw new BadRequest("parameter " + name + " given twice");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("bad escape in " + text);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A request this API cannot answer as asked: 400, with the message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** One response: status code, content type, body. */
    private record Answer(int code, String contentType, byte[] body) {
        static Answer text(int code, String text) {
            return new Answer(code, TEXT, bytes(text + "\n"));
        }

        static Answer json(int code, Object value) {
            try {
                return new Answer(code, JSON, bytes(AdminJson.mapper().writeValueAsString(value) + "\n"));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
            }
        }

        static Answer error(int code, String message) {
            return json(code, Map.of("error", message));
        }
    }
}
