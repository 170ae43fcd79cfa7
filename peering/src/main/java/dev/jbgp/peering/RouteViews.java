package dev.jbgp.peering;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Decision;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.Path;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.BiPredicate;

/** A Loc-RIB destination as operators read it: every path, and why the best one won. On the RIB thread. */
final class RouteViews {
    private RouteViews() {
    }

    /**
     * @param names the session name of a RIB peer id
     * @param stale whether a path is kept from a restarting peer and not yet confirmed
     */
    static RouteView of(Prefix prefix, Destination destination, Decision decision, IntFunction<String> names,
            BiPredicate<Prefix, Path> stale) {
        List<Path> paths = destination.paths();
        Path best = destination.best();
        List<Path> multipath = destination.multipathSet();
        List<RouteView.PathView> views = new ArrayList<>(paths.size());
        for (Path p : paths) {
            boolean isBest = p == best;
            String reason;
            if (!p.eligible()) {
                reason = p.ineligible().description();
            } else if (isBest) {
                reason = bestReason(p, paths, decision);
            } else if (best == null) {
                reason = "no best path";
            } else {
                reason = "lost: " + Decision.step(decision.compare(best, p)).lostBecause();
            }
            PathAttributes a = p.attributes() != null ? p.attributes() : p.received();
            views.add(new RouteView.PathView(
                    p.peer().local() ? "local" : names.apply(p.peer().id()),
                    p.peer().local() ? "" : p.peer().address().getHostAddress(),
                    address(p.forwardingAddress()),
                    a.asPath() == null ? "" : a.asPath().toString(),
                    a.origin() == null ? "IGP" : switch (a.origin()) {
                        case IGP -> "IGP";
                        case EGP -> "EGP";
                        case INCOMPLETE -> "Incomplete";
                    },
                    a.localPref() == null ? -1 : a.localPref().value(),
                    a.med() == null ? -1 : a.med().value(),
                    communities(a),
                    p.pathId(),
                    isBest,
                    multipath.contains(p),
                    stale.test(prefix, p),
                    reason));
        }
        return new RouteView(prefix.toString(), views);
    }

    private static String bestReason(Path best, List<Path> paths, Decision decision) {
        Path runnerUp = null;
        for (Path p : paths) {
            if (p != best && p.eligible()) {
                runnerUp = p;
                break;
            }
        }
        if (runnerUp == null) {
            return best.peer().local() ? "locally originated" : "only path";
        }
        int c = decision.compare(best, runnerUp);
        return "won: the other had " + Decision.step(c).lostBecause();
    }

    private static String address(InetAddress a) {
        return a == null ? "" : a.getHostAddress();
    }

    private static List<String> communities(PathAttributes a) {
        List<String> out = new ArrayList<>();
        Communities c = a.communities();
        if (c != null) {
            for (int i = 0; i < c.size(); i++) {
                out.add(Communities.name(c.get(i)));
            }
        }
        LargeCommunities l = a.largeCommunities();
        if (l != null) {
            for (LargeCommunities.LargeCommunity v : l.values()) {
                out.add(v.toString());
            }
        }
        return out;
    }
}
