package dev.jbgp.peering.admin;

import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.RouteView.PathView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jbgp routes}: the Loc-RIB laid out as BIRD 1.6's {@code show route all}
 * ({@code rt_show_rte}, {@code bgp_get_route_info}), one block per path, the prefix on its first:
 *
 * <pre>
 * 198.19.21.64/26    via 198.19.0.3 [Mesh_198_19_0_3] * [AS64512i]
 * 	Best: only path
 * 	BGP.origin: IGP
 * 	BGP.as_path: 64512
 * 	BGP.next_hop: 198.19.0.3
 * 	BGP.local_pref: 100
 * </pre>
 *
 * The bracket holds the session the path came from ({@code local} for our own), with {@code from
 * <address>} when that differs from the next hop; {@code *} marks the best path and {@code +}
 * another path of the multipath set; {@code (stale)} a path kept from a restarting peer; the last
 * bracket the origin AS and origin ({@code i}, {@code e}, {@code ?}). Where BIRD leaves the
 * reader to guess, the line under each path says why it is or is not the best.
 */
public final class RouteListing {
    private static final int PREFIX_WIDTH = 18;

    private RouteListing() {
    }

    /** Every route, in the order given; empty text for no routes. */
    public static String render(List<RouteView> routes) {
        StringBuilder out = new StringBuilder();
        for (RouteView route : routes) {
            boolean first = true;
            for (PathView path : route.paths()) {
                path(out, first ? route.prefix() : "", path);
                first = false;
            }
        }
        return out.toString();
    }

    private static void path(StringBuilder out, String prefix, PathView path) {
        String via = path.nextHop().isEmpty() ? "blackhole" : "via " + path.nextHop();
        String from = !path.peerAddress().isEmpty() && !path.peerAddress().equals(path.nextHop())
                ? " from " + path.peerAddress() : "";
        String mark = path.best() ? " *" : path.multipath() ? " +" : "";
        String stale = path.stale() ? " (stale)" : "";
        out.append(String.format("%-" + PREFIX_WIDTH + "s %s [%s%s]%s%s [%s%s]\n", prefix, via, path.from(), from, mark,
                stale, originAs(path.asPath()), originLetter(path.origin())));
        if (!path.reason().isEmpty()) {
            out.append('\t').append(path.best() ? "Best: " : "Not best: ").append(path.reason()).append('\n');
        }
        if (path.pathId() != 0) {
            out.append("\tPath ID: ").append(Integer.toUnsignedString(path.pathId())).append('\n');
        }
        // Attributes in type code order, as BIRD lists them.
        out.append("\tBGP.origin: ").append(path.origin()).append('\n');
        out.append("\tBGP.as_path: ").append(path.asPath()).append('\n');
        if (!path.nextHop().isEmpty()) {
            out.append("\tBGP.next_hop: ").append(path.nextHop()).append('\n');
        }
        if (path.med() >= 0) {
            out.append("\tBGP.med: ").append(path.med()).append('\n');
        }
        if (path.localPref() >= 0) {
            out.append("\tBGP.local_pref: ").append(path.localPref()).append('\n');
        }
        List<String> standard = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (String community : path.communities()) {
            // BIRD prints a standard community as (64512,100), a large one as (4200000001, 1, 2).
            (community.chars().filter(c -> c == ',').count() >= 2 ? large : standard).add(community);
        }
        if (!standard.isEmpty()) {
            out.append("\tBGP.community: ").append(String.join(" ", standard)).append('\n');
        }
        if (!large.isEmpty()) {
            out.append("\tBGP.large_community: ").append(String.join(" ", large)).append('\n');
        }
    }

    /** {@code AS64512} for a path ending in AS 64512; nothing for an empty path or one ending in a set. */
    private static String originAs(String asPath) {
        String[] ases = asPath.strip().split("\\s+");
        String last = ases[ases.length - 1];
        return !last.isEmpty() && last.chars().allMatch(Character::isDigit) ? "AS" + last : "";
    }

    private static char originLetter(String origin) {
        return switch (origin) {
            case "IGP" -> 'i';
            case "EGP" -> 'e';
            default -> '?';
        };
    }
}
