package dev.jbgp.peering.admin;

import dev.jbgp.peering.StatusSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * BIRD's control socket, served from the status snapshot: a UNIX domain socket speaking BIRD
 * 1.6's CLI protocol (see {@link BirdCommands}), so that tools written for Calico's BIRD, such as
 * {@code calicoctl node status}, calico-node's readiness probe and {@code birdc}, work unchanged
 * against jbgp at {@code /var/run/calico/bird.ctl}.
 *
 * <p>One daemon thread accepts; each client is served on a virtual thread, at most
 * {@value #MAX_CLIENTS} at once (more are closed on arrival). A command line longer than
 * {@value #MAX_COMMAND} characters is answered {@code 9000 Command too long}, as BIRD does.
 * A socket file left by a process that is gone is removed at start; a socket someone still
 * answers on is not taken over. {@link #close()} disconnects every client and removes the file.
 */
public final class BirdControlSocket implements AutoCloseable {
    /** Where Calico's BIRD for IPv4 listens, and so where Calico's tools look. */
    public static final Path CALICO_PATH = Path.of("/var/run/calico/bird.ctl");

    /**
     * The version in the greeting. Calico's BGP status reporter expects {@code BIRD v...}; the
     * {@code 1.6.8} says which BIRD's replies these follow.
     */
    public static final String DEFAULT_VERSION = "v1.6.8+jbgp";

    /** The longest command BIRD's 4096-byte receive buffer takes ({@code cli_get_command}). */
    static final int MAX_COMMAND = 4093;
    static final int MAX_CLIENTS = 16;
    /** How long a client may stay silent, or leave its answer unread, before it is closed. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(10);
    /** When every place is taken, a newcomer takes the place of a client silent for this long. */
    static final Duration EVICTABLE = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(BirdControlSocket.class.getName());
    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code stat(2)}. */
    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final BirdCommands commands;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    /** Each connected client and when it last sent a command or was last answered (nanoTime). */
    private final Map<SocketChannel, Long> clients = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private final Duration idleLimit;
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;

    private BirdControlSocket(Path path, ServerSocketChannel server, Object fileKey, BirdCommands commands,
            Duration idleLimit) {
        this.path = path;
        this.server = server;
        this.fileKey = fileKey;
        this.commands = commands;
        this.idleLimit = idleLimit;
        this.acceptor = Thread.ofPlatform().name("bird-ctl " + path).daemon().unstarted(this::acceptLoop);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("bird-ctl idle " + path).daemon().unstarted(r));
    }

    /** Listens at {@code path} with the default version, times in the system's zone. */
    public static BirdControlSocket open(Path path, Supplier<StatusSnapshot> status) throws IOException {
        return open(path, status, DEFAULT_VERSION, ZoneId.systemDefault());
    }

    /** Listens at {@code path}, greeting with {@code BIRD <version> ready.} and printing times in {@code zone}. */
    public static BirdControlSocket open(Path path, Supplier<StatusSnapshot> status, String version, ZoneId zone)
            throws IOException {
        return open(path, status, version, zone, IDLE_LIMIT);
    }

    /**
     * {@link #open(Path, Supplier, String, ZoneId)}, closing a client that neither sends a
     * command nor takes its answer for {@code idleLimit}: silent clients would otherwise hold
     * the {@value #MAX_CLIENTS} places calico-node's probes need.
     */
    static BirdControlSocket open(Path path, Supplier<StatusSnapshot> status, String version, ZoneId zone,
            Duration idleLimit) throws IOException {
        Objects.requireNonNull(status, "status");
        removeStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), MAX_CLIENTS);
            Object fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            BirdControlSocket socket = new BirdControlSocket(path, server, fileKey, new BirdCommands(status, version, zone),
                    idleLimit);
            socket.acceptor.start();
            long tick = Math.max(50, Math.min(5000, idleLimit.toMillis() / 2));
            socket.watchdog.scheduleWithFixedDelay(socket::closeIdle, tick, tick, TimeUnit.MILLISECONDS);
            return socket;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Stops accepting, disconnects the clients and removes the socket file (if it is still this socket's). */
    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        server.close();
        for (SocketChannel client : clients.keySet()) {
            closeQuietly(client);
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey == null || fileKey.equals(now)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // Someone removed it already.
        }
    }

    /**
     * A socket file nobody answers on is left over from a process that is gone: remove it, as
     * BIRD does at start. Refuse to take over one that answers, or a file that is no socket.
     */
    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IOException(path + " exists and is not a socket");
        }
        boolean answered;
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            answered = probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            answered = false;
        }
        if (answered) {
            throw new IOException(path + " is in use: another process answers on it");
        }
        LOG.log(System.Logger.Level.INFO, "removing stale control socket {0}", path);
        Files.deleteIfExists(path);
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE) == SOCKET_TYPE;
        } catch (UnsupportedOperationException e) {
            return !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "control socket {0}: accept failed: {1}", path, e.toString());
                pause();
                continue;
            }
            if (!slots.tryAcquire() && !(evictMostIdle() && acquireSoon())) {
                LOG.log(System.Logger.Level.WARNING, "control socket {0}: {1} clients already, closing a new one",
                        path, MAX_CLIENTS);
                closeQuietly(client);
                continue;
            }
            clients.put(client, System.nanoTime());
            if (closed) {
                // close() may have walked the set before this client joined it.
                closeQuietly(client);
            }
            Thread.ofVirtual().name("bird-ctl client").start(() -> {
                try {
                    serve(client);
                } finally {
                    clients.remove(client);
                    closeQuietly(client);
                    slots.release();
                }
            });
        }
    }

    /** Greets, then answers command lines until the client leaves, asks to quit, or the socket closes. */
    private void serve(SocketChannel client) {
        BirdReply reply = new BirdReply();
        CommandReader reader = new CommandReader(client);
        try {
            commands.greet(reply);
            write(client, reply.take());
            clients.replace(client, System.nanoTime());
            while (true) {
                CommandReader.Line line = reader.next();
                if (line == null) {
                    return;
                }
                clients.replace(client, System.nanoTime());
                if (line.tooLong()) {
                    reply.last(9000, "Command too long");
                } else if (!execute(line.text(), reply)) {
                    return;
                }
                write(client, reply.take());
                clients.replace(client, System.nanoTime());
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "control socket client gone: {0}", e.toString());
            }
        }
    }

    /**
     * Every place is taken: closes the client that has been silent longest, if that is at least
     * {@link #EVICTABLE}, so a probe (calico-node asks every few seconds) is never locked out by
     * clients that connected and went quiet. True when one was closed.
     */
    private boolean evictMostIdle() {
        long now = System.nanoTime();
        Map.Entry<SocketChannel, Long> oldest = null;
        for (Map.Entry<SocketChannel, Long> e : clients.entrySet()) {
            if (oldest == null || e.getValue() < oldest.getValue()) {
                oldest = e;
            }
        }
        if (oldest == null || now - oldest.getValue() < EVICTABLE.toNanos()) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "control socket {0}: {1} clients; closing the one silent longest",
                path, MAX_CLIENTS);
        closeQuietly(oldest.getKey());
        return true;
    }

    /** A place, once the client just closed has given its place back. */
    private boolean acquireSoon() {
        try {
            return slots.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes clients idle past the limit; closing the channel ends the blocked read or write of its thread. */
    private void closeIdle() {
        long now = System.nanoTime();
        for (Map.Entry<SocketChannel, Long> e : clients.entrySet()) {
            if (now - e.getValue() > idleLimit.toNanos()) {
                LOG.log(System.Logger.Level.DEBUG, "control socket {0}: closing a client idle for {1}", path, idleLimit);
                closeQuietly(e.getKey());
            }
        }
    }

    private boolean execute(String line, BirdReply reply) {
        try {
            return commands.execute(line, reply);
        } catch (RuntimeException e) {
            // A runtime error (BIRD's 8xxx) rather than a dropped session.
            LOG.log(System.Logger.Level.WARNING, "control socket command '" + line + "' failed", e);
            reply.take();
            reply.last(8000, "Cannot read the speaker's status: " + e.getMessage());
            return true;
        }
    }

    private static void write(SocketChannel client, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a control socket client: {0}", e.toString());
        }
    }

    /**
     * Command lines from a client as BIRD's {@code cli_get_command} reads them: up to a newline,
     * carriage returns dropped; a line past {@link #MAX_COMMAND} characters is read to its end
     * and reported as too long.
     */
    private static final class CommandReader {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1024).flip();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean overflow;

        CommandReader(SocketChannel channel) {
            this.channel = channel;
        }

        /** The next line, or null at the end of input (a last line without a newline is dropped, as BIRD does). */
        Line next() throws IOException {
            while (true) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        Line complete = new Line(overflow ? "" : line.toString(StandardCharsets.UTF_8), overflow);
                        line.reset();
                        overflow = false;
                        return complete;
                    }
                    if (b == '\r') {
                        continue;
                    }
                    if (line.size() < MAX_COMMAND) {
                        line.write(b);
                    } else {
                        overflow = true;
                    }
                }
                buffer.clear();
                int n = channel.read(buffer);
                buffer.flip();
                if (n < 0) {
                    return null;
                }
            }
        }

        /** A command line, or only the news that it was too long. */
        record Line(String text, boolean tooLong) {
        }
    }
}
