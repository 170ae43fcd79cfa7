package dev.jbgp.rib.policy;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import java.net.InetAddress;
import java.util.List;
import java.util.StringJoiner;

/** How BIRD's filter language writes the values and expressions that policy prints. */
final class BirdSyntax {
    private BirdSyntax() {
    }

    /** An address in its short form ({@code 2001:db8::1}, RFC 5952), as a host prefix prints it. */
    static String address(InetAddress address) {
        String host = Prefix.of(address, address.getAddress().length * 8).toString();
        return host.substring(0, host.indexOf('/'));
    }

    /** A standard community as BIRD writes a pair: {@code (64512,100)}. */
    static String community(int community) {
        return "(" + (community >>> 16) + "," + (community & 0xFFFF) + ")";
    }

    /** A large community as BIRD writes a triple: {@code (4200000000,1,2)}. */
    static String largeCommunity(LargeCommunity c) {
        return "(" + Integer.toUnsignedString(c.globalAdministrator()) + "," + Integer.toUnsignedString(c.localData1())
                + "," + Integer.toUnsignedString(c.localData2()) + ")";
    }

    /** Conditions joined by {@code operator}; a compound one is bracketed so the grouping survives. */
    static String joined(List<Match> matches, String operator) {
        StringJoiner j = new StringJoiner(operator);
        for (Match m : matches) {
            boolean compound = (m instanceof Match.All a && a.matches().size() > 1)
                    || (m instanceof Match.Any o && o.matches().size() > 1);
            j.add(compound ? "(" + m + ")" : m.toString());
        }
        return j.toString();
    }
}
