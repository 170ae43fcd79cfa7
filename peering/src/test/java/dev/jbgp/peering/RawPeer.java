package dev.jbgp.peering;

import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A scripted BGP speaker on a plain blocking socket, for tests that need a peer to do what a
 * correct one would not: send broken bytes, drop the connection without a NOTIFICATION.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private CodecContext context = new CodecContext(true, java.util.Set.of(), false);

    RawPeer(InetAddress from, InetAddress to, int port) throws IOException {
        this(from, to, port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in octets, or 0 for the system's default */
    RawPeer(InetAddress from, InetAddress to, int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(to, port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(BgpMessage m) throws IOException {
        out.write(MessageEncoder.toBytes(m, context));
        out.flush();
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message; fails the test when none comes within the socket timeout. */
    BgpMessage receive() throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = (header[16] & 0xFF) << 8 | (header[17] & 0xFF);
        byte[] whole = new byte[length];
        System.arraycopy(header, 0, whole, 0, 19);
        in.readFully(whole, 19, length - 19);
        DecodeResult r = new MessageDecoder(context).decode(whole);
        if (r instanceof DecodeResult.Decoded d) {
            return d.message();
        }
        throw new AssertionError("the speaker sent a message we cannot decode: " + r);
    }

    /** Reads until a message of {@code type} arrives, skipping others (KEEPALIVEs, UPDATEs). */
    <T extends BgpMessage> T receive(Class<T> type, Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                BgpMessage m = receive();
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            } catch (SocketTimeoutException e) {
                // keep waiting until the limit
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + limit);
    }

    /** True once the speaker closed the connection (end of stream). */
    boolean closedBySpeaker(Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // keep waiting
            } catch (IOException e) {
                return true; // reset
            }
        }
        return false;
    }

    /** Drops the connection with a TCP reset, as a crashing speaker would: no NOTIFICATION. */
    void crash() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
