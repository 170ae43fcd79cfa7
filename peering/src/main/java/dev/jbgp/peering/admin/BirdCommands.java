package dev.jbgp.peering.admin;

import com.google.common.net.InetAddresses;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.StatusSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The commands of BIRD 1.6's CLI that Calico's tools send, answered from a {@link StatusSnapshot}
 * in BIRD's words and layout ({@code nest/proto.c}, {@code nest/cmds.c},
 * {@code proto/bgp/bgp.c}):
 * <ul>
 *   <li>{@code show protocols [all] [<name> | "<pattern>"]}: what {@code calicoctl node status},
 *       calico-node's readiness probe and its BGP status reporter read;
 *   <li>{@code show status}: with {@code 0024} lines while graceful-restart recovery is in
 *       progress, which the readiness probe looks for;
 *   <li>{@code restrict}, {@code exit}, {@code quit}.
 * </ul>
 * Anything else is answered {@code 9001 syntax error}, as BIRD's parser would.
 *
 * <p>Besides a {@code BGP} protocol per peer, the list holds {@code kernel1} when the speaker
 * keeps a kernel table, as Calico's BIRD configuration has one.
 */
final class BirdCommands {
    /** BIRD's symbols: a letter or underscore, then letters, digits and underscores. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Supplier<StatusSnapshot> status;
    private final String version;
    private final ZoneId zone;

    BirdCommands(Supplier<StatusSnapshot> status, String version, ZoneId zone) {
        this.status = status;
        this.version = version;
        this.zone = zone;
    }

    /** What BIRD says when a client connects. */
    void greet(BirdReply reply) {
        reply.last(1, "BIRD " + version + " ready.");
    }

    /** Answers one command line; false when the client asked to close the session. */
    boolean execute(String line, BirdReply reply) {
        List<Token> tokens;
        try {
            tokens = tokens(line);
        } catch (IllegalArgumentException e) {
            reply.last(9001, e.getMessage());
            return true;
        }
        if (tokens.size() == 1 && (tokens.getFirst().is("exit") || tokens.getFirst().is("quit"))) {
            return false;
        }
        if (tokens.size() == 1 && tokens.getFirst().is("restrict")) {
            // Every command here only reads, so a restricted session can run all of them.
            reply.last(16, "Access restricted");
        } else if (tokens.size() == 2 && tokens.get(0).is("show") && tokens.get(1).is("status")) {
            showStatus(reply);
        } else if (tokens.size() >= 2 && tokens.get(0).is("show") && tokens.get(1).is("protocols")) {
            boolean all = tokens.size() >= 3 && tokens.get(2).is("all");
            List<Token> rest = tokens.subList(all ? 3 : 2, tokens.size());
            if (rest.size() > 1 || (rest.size() == 1 && !rest.getFirst().quoted() && !rest.getFirst().symbol())) {
                // More than one name, or a word BIRD would not read as a name (an address, a number).
                reply.last(9001, "syntax error");
            } else {
                showProtocols(rest.isEmpty() ? null : rest.getFirst(), all, reply);
            }
        } else {
            reply.last(9001, "syntax error");
        }
        return true;
    }

    /** {@code cmd_show_status}. */
    private void showStatus(BirdReply reply) {
        StatusSnapshot snapshot = status.get();
        reply.more(1000, "BIRD " + version);
        reply.more(1011, "Router ID is " + snapshot.routerId());
        reply.more(1011, "Current server time is " + BirdTime.dateTime(snapshot.takenAt(), zone));
        reply.more(1011, "Last reboot on " + BirdTime.dateTime(snapshot.startedAt(), zone));
        if (snapshot.gracefulRestartRecovery()) {
            reply.more(24, "Graceful restart recovery in progress");
        }
        reply.last(13, "Daemon is up and running");
    }

    /** {@code proto_apply_cmd} with {@code proto_cmd_show}: a name or a pattern, or every protocol. */
    private void showProtocols(Token which, boolean all, BirdReply reply) {
        StatusSnapshot snapshot = status.get();
        List<Protocol> protocols = protocols(snapshot);
        if (which != null && !which.quoted()) {
            for (Protocol protocol : protocols) {
                if (protocol.name().equals(which.text())) {
                    show(protocol, all, true, snapshot, reply);
                    reply.last(0, "");
                    return;
                }
            }
            reply.last(9002, which.text() + " is not a protocol");
            return;
        }
        int shown = 0;
        for (Protocol protocol : protocols) {
            if (which == null || patternMatches(which.text(), protocol.name())) {
                show(protocol, all, shown == 0, snapshot, reply);
                shown++;
            }
        }
        if (shown == 0) {
            reply.last(8003, "No protocols match");
        } else {
            reply.last(0, "");
        }
    }

    /** {@code proto_cmd_show}: the header before the first row, the row, and with {@code all} the details. */
    private void show(Protocol protocol, boolean all, boolean first, StatusSnapshot snapshot, BirdReply reply) {
        if (first) {
            reply.more(2002, "name     proto    table    state  since       info");
        }
        reply.more(1002, String.format("%-8s %-8s %-8s %-5s  %-10s  %s", protocol.name(), protocol.proto(), "master",
                protocol.state(), BirdTime.since(protocol.since(), snapshot.takenAt(), zone), protocol.info()));
        if (all) {
            protocol.details().forEach(detail -> reply.more(1006, detail));
            reply.more(1006, "");
        }
    }

    private static List<Protocol> protocols(StatusSnapshot snapshot) {
        List<Protocol> protocols = new ArrayList<>();
        if (snapshot.kernelRoutes() >= 0) {
            protocols.add(new Protocol("kernel1", "Kernel", "up", snapshot.startedAt(), "",
                    List.of("  Routes:         0 imported, " + snapshot.kernelRoutes() + " exported")));
        }
        for (PeerStatus peer : snapshot.peers()) {
            protocols.add(bgp(peer));
        }
        return protocols;
    }

    /** A peer as BIRD's BGP protocol shows itself ({@code bgp_get_status}, {@code bgp_show_proto_info}). */
    private static Protocol bgp(PeerStatus peer) {
        boolean down = peer.protocolState().equals("down");
        // BIRD leaves the state out of a stopped protocol's info and calls it Down in the details.
        String info = down ? peer.lastError() : String.format("%-14s%s", peer.bgpState(), peer.lastError());
        List<String> details = new ArrayList<>();
        if (!down) {
            details.add("  Routes:         " + peer.prefixesAccepted() + " imported, "
                    + peer.prefixesAdvertised() + " exported");
        }
        details.add("  BGP state:          " + (down ? "Down" : peer.bgpState()));
        details.add("    Neighbor address: " + InetAddresses.toAddrString(peer.address()));
        details.add("    Neighbor AS:      " + peer.peerAs());
        if (peer.established()) {
            if (!peer.peerRouterId().isEmpty()) {
                details.add("    Neighbor ID:      " + peer.peerRouterId());
            }
            details.add("    Session:          " + (peer.peerAs() == peer.localAs() ? "internal" : "external"));
            details.add("    Hold time:        " + peer.holdTime());
        }
        if (!peer.lastError().isEmpty()) {
            details.add("    Last error:       " + peer.lastError());
        }
        return new Protocol(peer.name(), "BGP", peer.protocolState(), peer.since(), info, details);
    }

    /** BIRD's {@code patmatch}: {@code *} any run of characters, {@code ?} any one character. */
    static boolean patternMatches(String pattern, String text) {
        return patternMatches(pattern, 0, text, 0);
    }

    private static boolean patternMatches(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                // Collapse a run of stars, then try every place the rest could start.
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int from = t; from <= text.length(); from++) {
                    if (patternMatches(pattern, p, text, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (t == text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }

    /** Words, {@code "quoted text"} and {@code 'quoted symbols'}, split at white space. */
    static List<Token> tokens(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unknown character");
                }
                String text = line.substring(i + 1, end);
                tokens.add(new Token(text, c == '"' ? Token.Kind.TEXT : Token.Kind.QUOTED_SYMBOL));
                i = end + 1;
            } else {
                int end = i;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))
                        && line.charAt(end) != '"' && line.charAt(end) != '\'') {
                    end++;
                }
                tokens.add(new Token(line.substring(i, end), Token.Kind.WORD));
                i = end;
            }
        }
        return tokens;
    }

    /** One word of a command. */
    record Token(String text, Kind kind) {
        enum Kind {
            /** A bare word: a keyword or a symbol such as a protocol name. */
            WORD,
            /** {@code "text"}: a pattern where a protocol name may stand. */
            TEXT,
            /** {@code 'name'}: a symbol that may hold characters a bare word may not. */
            QUOTED_SYMBOL
        }

        boolean is(String keyword) {
            return kind == Kind.WORD && text.equals(keyword);
        }

        boolean quoted() {
            return kind == Kind.TEXT;
        }

        boolean symbol() {
            return kind == Kind.QUOTED_SYMBOL || (kind == Kind.WORD && SYMBOL.matcher(text).matches());
        }
    }

    /** One line of {@code show protocols} and its details. */
    private record Protocol(String name, String proto, String state, Instant since, String info, List<String> details) {
    }
}
