package dev.jbgp.rib.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The kernel's forwarding table over rtnetlink: one NETLINK_ROUTE socket, RTM_NEWROUTE and
 * RTM_DELROUTE requests written back to back into a buffer and sent many per datagram.
 *
 * <p>Each request carries its own sequence number. The kernel works through a whole datagram
 * before sendto(2) returns, in order, and answers a request it refuses with an NLMSG_ERROR
 * carrying the errno and that sequence number, whether the request asked for an
 * acknowledgement or not (netlink_rcv_skb: {@code if (nlh->nlmsg_flags & NLM_F_ACK || err)
 * netlink_ack(...)}). A NLMSG_NOOP with NLM_F_ACK closes each datagram as a barrier: its
 * acknowledgement is queued after every answer to the requests before it. So after each send the
 * answers are read (recvmmsg(2), many per call) up to the barrier's, each refusal matched to its
 * route; a request with no answer before the barrier went in.
 *
 * <p>Asking for an acknowledgement of every request (NLM_F_ACK on each) would tell nothing more
 * and costs the kernel a message per route: installs ran about 1.6 times slower with it.
 */
public final class KernelFib implements Fib {

    private static final System.Logger LOG = System.getLogger(KernelFib.class.getName());

    /** Bytes of requests sent per datagram. */
    static final int BATCH_BYTES = 256 << 10;
    /**
     * Socket memory one queued answer takes, rounded up (an sk_buff and a small head: about 768
     * bytes on Linux 6). The requests of one datagram are capped so that answers to all of them,
     * should the kernel refuse them all, fit the receive buffer at once.
     */
    static final int ACK_MEMORY = 1024;
    /** Answers taken per recvmmsg(2), and room for each: an error with the kernel's text fits. */
    static final int ANSWER_SLOTS = 1024;
    static final int ANSWER_SLOT_SIZE = 512;
    /** Refusals logged one by one per flush; past this they are summed up. */
    static final int LOGGED_REFUSALS = 100;
    /** Longest a flush or a dump waits for the kernel, in all. */
    static final long DEADLINE_NANOS = 60_000_000_000L;
    private static final int DUMP_ATTEMPTS = 3;

    /**
     * Settings tests and the benchmark change.
     *
     * @param acknowledgeEach NLM_F_ACK on every request, not only on the barrier
     * @param receiveBuffer bytes of socket receive buffer asked for
     * @param requestsPerDatagram at most this many requests a datagram; 0 to fit the receive buffer
     */
    record Tuning(boolean acknowledgeEach, int receiveBuffer, int requestsPerDatagram) {
        static final Tuning DEFAULT = new Tuning(false, NetlinkSocket.RECEIVE_BUFFER, 0);
    }

    private final NetlinkSocket socket;
    private final int protocol;
    private final boolean acknowledgeEach;
    private final Arena arena;
    private final MemorySegment batch;
    private final MemorySegment dumpBuffer;
    private final ReceiveVector slots;
    private final MemorySegment request;
    private final int maxRequests;

    // The datagram being filled: requests [firstSeq, firstSeq + count).
    private final RouteKey[] pendingKeys;
    private final FibRoute[] pendingRoutes; // null for a removal
    private final boolean[] answered;
    private int batchBytes;
    private int count;
    private int firstSeq;
    private int nextSeq = 1;

    private LinkTable links = LinkTable.empty();
    /** Read since the last flush: a name missing from it is not asked for again until then. */
    private boolean linksFresh;
    /**
     * Why the interfaces could not be read, when a dump of them failed since the last flush: not
     * asked again for every route of the batch (a dump that times out takes seconds).
     */
    private DumpFailure linksUnreadable;
    private Consumer<? super FibError> errorListener = error -> { };
    private long installed;
    private long removed;
    private long refused;
    private int refusalsLogged;
    private boolean closed;

    private KernelFib(NetlinkSocket socket, int protocol, Tuning tuning) {
        this.socket = socket;
        this.protocol = protocol;
        this.acknowledgeEach = tuning.acknowledgeEach();
        Arena arena = Arena.ofShared();
        try {
            this.batch = arena.allocate(BATCH_BYTES, 8);
            this.dumpBuffer = arena.allocate(64 << 10, 8);
            this.slots = new ReceiveVector(arena, ANSWER_SLOTS, ANSWER_SLOT_SIZE);
            this.request = arena.allocate(64, 8);
            int byMemory = Math.max(16, socket.receiveBufferSize() / ACK_MEMORY);
            int bySize = BATCH_BYTES / (NetlinkHeader.SIZE + RtMessage.SIZE);
            this.maxRequests = tuning.requestsPerDatagram() > 0
                    ? Math.min(tuning.requestsPerDatagram(), bySize) : Math.min(byMemory, bySize);
            this.pendingKeys = new RouteKey[maxRequests];
            this.pendingRoutes = new FibRoute[maxRequests];
            this.answered = new boolean[maxRequests];
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
        this.arena = arena;
    }

    /** A KernelFib on {@code socket}; the socket is closed should that fail. */
    private static KernelFib on(NetlinkSocket socket, int protocol, Tuning tuning) {
        try {
            return new KernelFib(socket, protocol, tuning);
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** The FIB of the calling thread's network namespace, our routes under {@code protocol}. */
    public static KernelFib open(int protocol) throws IOException {
        checkProtocol(protocol);
        return on(NetlinkSocket.open(Tuning.DEFAULT.receiveBuffer()), protocol, Tuning.DEFAULT);
    }

    /** The FIB of the calling thread's network namespace, our routes {@code proto bird}. */
    public static KernelFib open() throws IOException {
        return open(RTPROT_BIRD);
    }

    /**
     * The FIB of the named network namespace ({@code /var/run/netns/<name>}). The calling thread
     * enters the namespace only to create the socket and is back in its own when this returns,
     * whether it succeeded or not.
     */
    public static KernelFib openInNamespace(String name, int protocol) throws IOException {
        return openInNamespace(name, protocol, Tuning.DEFAULT);
    }

    static KernelFib openInNamespace(String name, int protocol, Tuning tuning) throws IOException {
        checkProtocol(protocol);
        return on(NetlinkSocket.openInNamespace(name, tuning.receiveBuffer()), protocol, tuning);
    }

    private static void checkProtocol(int protocol) {
        // RTPROT_UNSPEC (0) in a delete means "any protocol": it would reach others' routes.
        if (protocol <= 0 || protocol > 255) {
            throw new IllegalArgumentException("route protocol must be 1..255, not " + protocol);
        }
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void install(FibRoute route) {
        ensureOpen();
        List<NextHop> hops = route.nextHops();
        int[] ifindex = new int[hops.size()];
        for (int i = 0; i < ifindex.length; i++) {
            Optional<String> device = hops.get(i).device();
            if (device.isPresent()) {
                OptionalInt index;
                try {
                    index = linkIndex(device.get());
                } catch (DumpFailure e) {
                    refuse(new FibError(FibError.Operation.INSTALL, route.key(), Optional.of(route), e.errno,
                            Errno.text(e.errno), Optional.of("cannot look up interface " + device.get() + ": "
                                    + e.getMessage())));
                    return;
                }
                if (index.isEmpty()) {
                    refuse(new FibError(FibError.Operation.INSTALL, route.key(), Optional.of(route), Errno.ENODEV,
                            Errno.text(Errno.ENODEV), Optional.of("no interface named " + device.get())));
                    return;
                }
                ifindex[i] = index.getAsInt();
            }
        }
        int length = RtMessage.newRouteLength(route);
        makeRoom(length);
        RtMessage.writeNewRoute(batch, batchBytes, nextSeq, RtMessage.NEW_ROUTE_FLAGS | ackFlag(), route, protocol,
                ifindex);
        queued(length, route.key(), route);
    }

    @Override
    public void remove(RouteKey key) {
        ensureOpen();
        int length = RtMessage.delRouteLength(key);
        makeRoom(length);
        RtMessage.writeDelRoute(batch, batchBytes, nextSeq, RtMessage.DEL_ROUTE_FLAGS | ackFlag(), key, protocol);
        queued(length, key, null);
    }

    @Override
    public void flush() {
        ensureOpen();
        send();
        linksFresh = false;
        linksUnreadable = null;
        int unlogged = refusalsLogged - LOGGED_REFUSALS;
        if (unlogged > 0) {
            LOG.log(Level.WARNING, "{0} more refused route requests were not logged one by one", unlogged);
        }
        refusalsLogged = 0;
    }

    @Override
    public TableSnapshot snapshot(int table) {
        flush();
        refreshLinks();
        Map<RouteKey, FibRoute> ours = new HashMap<>();
        Set<RouteKey> unrecognised = new HashSet<>();
        Set<RouteKey> foreign = new HashSet<>();
        for (int family : new int[] {RtMessage.AF_INET, RtMessage.AF_INET6}) {
            Map<RouteKey, FibRoute> familyOurs = new HashMap<>();
            Set<RouteKey> familyUnrecognised = new HashSet<>();
            Set<RouteKey> familyForeign = new HashSet<>();
            for (int attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
                familyOurs.clear();
                familyUnrecognised.clear();
                familyForeign.clear();
                boolean interrupted = dump("route", RtMessage.writeRouteDumpRequest(request, 0, nextSeq++, family),
                        (buffer, offset) -> {
                            if (NetlinkHeader.type(buffer, offset) != RtMessage.RTM_NEWROUTE) {
                                return;
                            }
                            RouteMessage route = RouteMessage.read(buffer, offset);
                            if (route.table() != table) {
                                return;
                            }
                            if (route.protocol() != protocol) {
                                familyForeign.add(route.key());
                                return;
                            }
                            route.toFibRoute(links::name).ifPresentOrElse(
                                    r -> familyOurs.put(r.key(), r), () -> familyUnrecognised.add(route.key()));
                        });
                // NLM_F_DUMP_INTR: the table changed under the dump, which may have missed routes.
                if (!interrupted) {
                    break;
                }
            }
            ours.putAll(familyOurs);
            unrecognised.addAll(familyUnrecognised);
            foreign.addAll(familyForeign);
        }
        return new TableSnapshot(table, ours, unrecognised, foreign);
    }

    @Override
    public void onError(Consumer<? super FibError> listener) {
        this.errorListener = listener;
    }

    @Override
    public FibCounters counters() {
        return new FibCounters(installed, removed, refused);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            socket.close();
            arena.close();
        }
    }

    private int ackFlag() {
        return acknowledgeEach ? NetlinkHeader.NLM_F_ACK : 0;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("FIB is closed");
        }
    }

    private void makeRoom(int length) {
        if (count == maxRequests || batchBytes + length + NetlinkHeader.SIZE > BATCH_BYTES) {
            send();
        }
    }

    private void queued(int length, RouteKey key, FibRoute route) {
        if (count == 0) {
            firstSeq = nextSeq;
        }
        pendingKeys[count] = key;
        pendingRoutes[count] = route;
        answered[count] = false;
        count++;
        nextSeq++;
        batchBytes += length;
    }

    /** Sends the datagram being filled and takes in the kernel's answers to the requests in it. */
    private void send() {
        if (count == 0) {
            return;
        }
        // What the requests with no answer are reported with, should what follows throw.
        int unanswered = Errno.EIO;
        String why = "no answer from the kernel";
        try {
            int barrier = nextSeq++;
            batchBytes += RtMessage.writeNoop(batch, batchBytes, barrier);
            int sendError = socket.send(batch, batchBytes);
            if (sendError != 0) {
                LOG.log(Level.WARNING, "cannot send {0} route requests to the kernel: {1}", count, Errno.text(sendError));
                unanswered = sendError;
                why = "not sent";
            } else {
                unanswered = awaitAnswers(barrier);
            }
        } finally {
            settle(unanswered, why);
        }
    }

    /**
     * Ends the datagram, whatever happened to it: left in the batch, its requests would go again
     * with the next one. A request with no answer went in when every answer came ({@code
     * unanswered} is 0) and the kernel answers only refusals; otherwise what happened to it is
     * unknown, and it is reported, so that the owner does not take it as done.
     */
    private void settle(int unanswered, String why) {
        try {
            for (int i = 0; i < count; i++) {
                if (!answered[i]) {
                    if (unanswered == 0 && !acknowledgeEach) {
                        answer(i, 0, Optional.empty());
                    } else {
                        answer(i, unanswered == 0 ? Errno.ENOBUFS : unanswered, Optional.of(why));
                    }
                }
            }
        } finally {
            Arrays.fill(pendingKeys, 0, count, null);
            Arrays.fill(pendingRoutes, 0, count, null);
            count = 0;
            batchBytes = 0;
        }
    }

    /**
     * Reads answers until the barrier's.
     *
     * @return 0 when every answer came, ENOBUFS when the kernel dropped some, ETIMEDOUT when it
     *     stopped answering, or the errno of a failed send or receive
     */
    private int awaitAnswers(int barrier) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        int receives = 0;
        int maxReceives = 2 * count + 64;
        boolean overrun = false;
        boolean wait = true;
        while (receives++ < maxReceives && System.nanoTime() < deadline) {
            int received = socket.receive(slots, wait);
            if (received == -Errno.ENOBUFS) {
                // The kernel dropped answers, perhaps the barrier's. Take in what is queued,
                // then send a new barrier: once the queue has room, it is answered after
                // whatever answers survived.
                LOG.log(Level.WARNING, "netlink receive buffer overrun: some route answers were lost");
                overrun = true;
                wait = false;
                continue;
            }
            if (received == -Errno.EAGAIN && !wait) {
                barrier = nextSeq++;
                int sendError = socket.send(request, RtMessage.writeNoop(request, 0, barrier));
                if (sendError != 0) {
                    return sendError;
                }
                wait = true;
                continue;
            }
            if (received == -Errno.EAGAIN) {
                LOG.log(Level.WARNING, "no answer from the kernel within {0} s", NetlinkSocket.RECEIVE_TIMEOUT_SECONDS);
                return Errno.ETIMEDOUT;
            }
            if (received < 0) {
                LOG.log(Level.WARNING, "cannot receive the kernel''s answers: {0}", Errno.text(-received));
                return -received;
            }
            for (int i = 0; i < received; i++) {
                if (takeAnswers(slots.datagram(i), barrier)) {
                    return overrun ? Errno.ENOBUFS : 0;
                }
            }
        }
        LOG.log(Level.WARNING, "gave up waiting for the kernel's answers to a batch of {0} route requests", count);
        return Errno.ETIMEDOUT;
    }

    /** Matches each answer in {@code datagram} to its request; true at the barrier's. */
    private boolean takeAnswers(MemorySegment datagram, int barrier) {
        long size = datagram.byteSize();
        long offset = 0;
        while (offset + NetlinkHeader.SIZE <= size) {
            int length = NetlinkHeader.length(datagram, offset);
            if (length < NetlinkHeader.SIZE) {
                break;
            }
            if (NetlinkHeader.type(datagram, offset) == NetlinkHeader.NLMSG_ERROR
                    && offset + NetlinkAck.MIN_LENGTH <= size) {
                // A datagram longer than its slot is cut short; what is left still has the
                // error and the sequence number, and NetlinkAck reads no further than it.
                NetlinkAck ack = NetlinkAck.read(datagram, offset);
                if (ack.seq() == barrier) {
                    return true;
                }
                int index = ack.seq() - firstSeq;
                if (index >= 0 && index < count && !answered[index]) {
                    answer(index, ack.errno(), ack.message());
                }
            }
            offset += NetlinkHeader.align(length);
        }
        return false;
    }

    private void answer(int index, int errno, Optional<String> message) {
        answered[index] = true;
        FibRoute route = pendingRoutes[index];
        if (errno == 0) {
            if (route != null) {
                installed++;
            } else {
                removed++;
            }
            return;
        }
        if (route == null && errno == Errno.ESRCH) {
            removed++; // already gone: a removal is idempotent
            return;
        }
        if (errno == Errno.ENODEV) {
            // An interface we named went away, or came back under a new index: ask again.
            links = LinkTable.empty();
            linksFresh = false;
        }
        FibError.Operation operation = route != null ? FibError.Operation.INSTALL : FibError.Operation.REMOVE;
        refuse(new FibError(operation, pendingKeys[index], Optional.ofNullable(route), errno, Errno.text(errno),
                message));
    }

    private void refuse(FibError error) {
        refused++;
        if (refusalsLogged++ < LOGGED_REFUSALS) {
            LOG.log(Level.WARNING, "kernel refused a route: {0}", error);
        }
        try {
            errorListener.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "FIB error listener failed on " + error, e);
        }
    }

    private OptionalInt linkIndex(String name) {
        OptionalInt index = links.index(name);
        if (index.isEmpty() && !linksFresh) {
            refreshLinks();
            index = links.index(name);
        }
        return index;
    }

    /**
     * Reads the interfaces of the socket's namespace. Requests already batched are sent first:
     * the socket carries one conversation at a time.
     *
     * @throws DumpFailure when the kernel did not give them, now or earlier since the last flush
     */
    private void refreshLinks() {
        if (linksUnreadable != null) {
            throw linksUnreadable;
        }
        send();
        List<LinkTable.Link> found = new ArrayList<>();
        try {
            dump("link", RtMessage.writeLinkDumpRequest(request, 0, nextSeq++), (buffer, offset) -> {
                if (NetlinkHeader.type(buffer, offset) == RtMessage.RTM_NEWLINK) {
                    LinkTable.readLink(buffer, offset).ifPresent(found::add);
                }
            });
        } catch (DumpFailure e) {
            linksUnreadable = e;
            throw e;
        }
        links = new LinkTable(found);
        linksFresh = true;
    }

    /** A dump the kernel did not finish, with the errno that says why. */
    private static final class DumpFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        final int errno;

        DumpFailure(int errno, String message) {
            super(message, new IOException(message));
            this.errno = errno;
        }
    }

    @FunctionalInterface
    private interface DumpPart {
        void accept(MemorySegment buffer, long offset);
    }

    /**
     * Sends the dump request in {@code request} and gives each message of the answer to
     * {@code part} until NLMSG_DONE.
     *
     * @param what what is dumped, for the error messages: "route", "link"
     * @return true when the kernel flagged the dump as interrupted by a change (NLM_F_DUMP_INTR)
     * @throws DumpFailure when the dump cannot be asked for, is refused, or does not finish
     */
    private boolean dump(String what, int requestLength, DumpPart part) {
        int seq = NetlinkHeader.seq(request, 0);
        int sendError = socket.send(request, requestLength);
        if (sendError != 0) {
            throw new DumpFailure(sendError, "cannot ask for a " + what + " dump: " + Errno.text(sendError));
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            long received = socket.receive(dumpBuffer);
            if (received < 0) {
                int errno = (int) -received;
                throw new DumpFailure(errno, what + " dump failed: " + Errno.text(errno));
            }
            long offset = 0;
            while (offset + NetlinkHeader.SIZE <= received) {
                int length = NetlinkHeader.length(dumpBuffer, offset);
                if (length < NetlinkHeader.SIZE || offset + length > received) {
                    throw new DumpFailure(Errno.EPROTO, "malformed netlink message in a " + what + " dump");
                }
                if (NetlinkHeader.seq(dumpBuffer, offset) == seq) {
                    interrupted |= (NetlinkHeader.flags(dumpBuffer, offset) & NetlinkHeader.NLM_F_DUMP_INTR) != 0;
                    int type = NetlinkHeader.type(dumpBuffer, offset);
                    if (type == NetlinkHeader.NLMSG_DONE) {
                        return interrupted;
                    }
                    if (type == NetlinkHeader.NLMSG_ERROR) {
                        NetlinkAck ack = NetlinkAck.read(dumpBuffer, offset);
                        throw new DumpFailure(ack.errno(), what + " dump refused: " + Errno.text(ack.errno())
                                + ack.message().map(m -> ": " + m).orElse(""));
                    }
                    try {
                        part.accept(dumpBuffer, offset);
                    } catch (IllegalArgumentException e) {
                        LOG.log(Level.WARNING, "skipped a malformed message in a dump: " + e.getMessage());
                    }
                }
                offset += NetlinkHeader.align(length);
            }
        }
        throw new DumpFailure(Errno.ETIMEDOUT, what + " dump did not finish within "
                + DEADLINE_NANOS / 1_000_000_000L + " s");
    }
}
