package dev.jbgp.rib.out;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peer at the other end: it reads every UPDATE pulled from an Adj-RIB-Out back from its
 * encoded bytes, as it would off the wire, and keeps the routes it holds. Within one batch of
 * UPDATEs (one {@link #receive} call) a prefix may appear once.
 */
final class PeerSide {
    private final CodecContext context;
    private final MessageDecoder decoder;
    final Map<Prefix, PathAttributes> routes = new HashMap<>();
    final Map<Prefix, InetAddress> ipv6NextHops = new HashMap<>();
    final Map<Prefix, Integer> announcements = new HashMap<>();
    final Map<Prefix, Integer> withdrawals = new HashMap<>();
    final List<AfiSafi> endOfRib = new ArrayList<>();
    /** How many routes the peer held when each End-of-RIB came. */
    final List<Integer> routesAtEndOfRib = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    int updates;

    PeerSide(CodecContext context) {
        this.context = context;
        this.decoder = new MessageDecoder(context);
    }

    PeerSide() {
        this(CodecContext.DEFAULT);
    }

    /** Takes UPDATEs as the peer would; returns them decoded. */
    List<Update> receive(List<Update> sent) {
        List<Update> decoded = new ArrayList<>();
        Map<Prefix, Integer> seen = new HashMap<>();
        for (Update u : sent) {
            byte[] bytes = MessageEncoder.toBytes(u, context);
            assertTrue(bytes.length <= context.maxMessageLength(), "UPDATE of " + bytes.length + " octets");
            assertTrue(bytes.length == MessageEncoder.updateLength(u, context), "updateLength disagrees with the encoding");
            lengths.add(bytes.length);
            DecodeResult r = decoder.decode(bytes);
            Update d = (Update) assertInstanceOf(DecodeResult.Decoded.class, r, () -> "decoding " + u + ": " + r).message();
            decoded.add(d);
            updates++;
            Optional<AfiSafi> eor = d.endOfRib();
            if (eor.isPresent()) {
                endOfRib.add(eor.get());
                routesAtEndOfRib.add(routes.size());
                continue;
            }
            withdraw(d.withdrawn(), seen);
            if (d.mpUnreach() != null) {
                withdraw(d.mpUnreach().withdrawn(), seen);
            }
            announce(d.nlri(), d.attributes(), null, seen);
            if (d.mpReach() != null) {
                announce(d.mpReach().nlri(), d.attributes(), d.mpReach().globalNextHop(), seen);
            }
        }
        return decoded;
    }

    private void withdraw(PrefixList list, Map<Prefix, Integer> seen) {
        for (Prefix p : list) {
            once(p, seen);
            withdrawals.merge(p, 1, Integer::sum);
            routes.remove(p);
            ipv6NextHops.remove(p);
        }
    }

    private void announce(PrefixList list, PathAttributes attributes, InetAddress nextHop, Map<Prefix, Integer> seen) {
        for (Prefix p : list) {
            once(p, seen);
            announcements.merge(p, 1, Integer::sum);
            routes.put(p, attributes);
            if (nextHop != null) {
                ipv6NextHops.put(p, nextHop);
            }
        }
    }

    private static void once(Prefix p, Map<Prefix, Integer> seen) {
        if (seen.merge(p, 1, Integer::sum) > 1) {
            fail(p + " appears twice in one pull");
        }
    }

    int announcementsOf(Prefix p) {
        return announcements.getOrDefault(p, 0);
    }

    int withdrawalsOf(Prefix p) {
        return withdrawals.getOrDefault(p, 0);
    }
}
