package dev.jbgp.peering.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a BIRD control socket as Calico's Go tools are: raw lines, every read bounded in
 * time (two seconds, as calicoctl's), so a test never hangs on a silent server.
 */
final class ControlClient implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 2_000;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private ControlClient(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static ControlClient connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        return new ControlClient(channel, selector);
    }

    void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the server does not read");
                }
                sleep();
            }
        }
    }

    /** The lines of one reply, up to and including its last line (a code then a space). */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("closed in the middle of a reply after " + lines);
            }
            lines.add(line);
            if (line.length() >= 5 && line.substring(0, 4).chars().allMatch(Character::isDigit) && line.charAt(4) == ' ') {
                return lines;
            }
        }
    }

    /** {@code command}'s reply. */
    List<String> ask(String command) throws IOException {
        send(command);
        return reply();
    }

    /** The next line without its newline, or null once the server has closed the connection. */
    String line() throws IOException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            byte[] seen = pending.toByteArray();
            for (int i = 0; i < seen.length; i++) {
                if (seen[i] == '\n') {
                    pending.reset();
                    pending.write(seen, i + 1, seen.length - i - 1);
                    return new String(seen, 0, i, StandardCharsets.UTF_8);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IOException("no complete line within " + TIMEOUT_MILLIS + " ms; have " + pending);
            }
            selector.select(left);
            selector.selectedKeys().clear();
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return null;
            }
            pending.write(buffer.array(), 0, n);
        }
    }

    /** True when the server closes the connection (within the timeout) without sending anything more. */
    boolean closedByServer() throws IOException {
        try {
            return line() == null && pending.size() == 0;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no complete line")) {
                return false;
            }
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
