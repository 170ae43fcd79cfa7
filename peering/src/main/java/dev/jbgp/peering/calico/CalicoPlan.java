package dev.jbgp.peering.calico;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.SpeakerConfig;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.out.ExportFilter;
import dev.jbgp.rib.policy.Filter;
import dev.jbgp.rib.policy.Verdict;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one node does, as {@link CalicoPlanner} works it out from Calico's resources: the
 * values Calico's confd writes into {@code bird.cfg}, {@code bird6.cfg} and their includes.
 *
 * @param nodeName the Node this plan is for
 * @param localAs the node's AS ({@code spec.bgp.asNumber}, else the cluster's)
 * @param routerId the BGP identifier: the node's IPv4 address, or for a node without one a hash
 *     of its name (Calico's {@code CALICO_ROUTER_ID=hash})
 * @param listenAddress where to listen ({@code bindMode: NodeIP}: the node's address), or null for every address
 * @param listenPort the BGP port ({@code listenPort} of {@code node.<name>}, else of {@code default}, else 179)
 * @param nodeIpv4 the node's IPv4 address, the next hop of its IPv4 routes; null when it has none
 * @param nodeIpv6 likewise for IPv6
 * @param clusterId the node's route-reflector cluster ID, 0 when it is no route reflector
 * @param logSeverity {@code logSeverityScreen} ({@code node.<name>}, else {@code default}, else "Info")
 * @param peers the sessions, IPv4 before IPv6, by address, then port
 * @param blocks the IPAM blocks affine to this node, sorted
 * @param serviceCidrs the service ranges this node advertises, sorted
 * @param importPolicy what is accepted from peers
 * @param exportPolicy what is sent to peers, first match wins
 * @param kernelRule what the kernel holds for each route
 * @param notes what was left out and why (peers of a family the node lacks, duplicates, ...)
 */
public record CalicoPlan(
        String nodeName,
        long localAs,
        Inet4Address routerId,
        InetAddress listenAddress,
        int listenPort,
        Inet4Address nodeIpv4,
        Inet6Address nodeIpv6,
        int clusterId,
        String logSeverity,
        List<PeerSpec> peers,
        List<Prefix> blocks,
        List<Prefix> serviceCidrs,
        Filter importPolicy,
        Filter exportPolicy,
        CalicoKernelRule kernelRule,
        List<String> notes) {

    public CalicoPlan {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(importPolicy, "importPolicy");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
        Objects.requireNonNull(kernelRule, "kernelRule");
        peers = List.copyOf(peers);
        blocks = List.copyOf(blocks);
        serviceCidrs = List.copyOf(serviceCidrs);
        notes = List.copyOf(notes);
    }

    /** What the node announces: its blocks and the service ranges it advertises. */
    public List<Prefix> originate() {
        TreeSet<Prefix> all = new TreeSet<>(blocks);
        all.addAll(serviceCidrs);
        return List.copyOf(all);
    }

    public ImportFilter importFilter() {
        return importPolicy.asImportFilter();
    }

    /** The export policy as the Adj-RIB-Out applies it: the attributes to send, or null. */
    public ExportFilter exportFilter() {
        Filter policy = exportPolicy;
        return route -> {
            Verdict v = policy.evaluate(route);
            return v.accepted() ? v.attributes() : null;
        };
    }

    /**
     * A speaker configuration with everything the plan decides: AS, router ID, listener, next
     * hops, cluster ID, policies, kernel rule and the prefixes to originate. The caller adds
     * the kernel table ({@link SpeakerConfig.Builder#fib}) and anything else it wants.
     */
    public SpeakerConfig.Builder speakerConfig() {
        return SpeakerConfig.builder(localAs, routerId)
                .listen(listenAddress, listenPort)
                .nextHop(nodeIpv4, nodeIpv6)
                .clusterId(clusterId)
                .importFilter(importFilter())
                .exportFilter(exportFilter())
                .kernelRule(kernelRule)
                .originate(originate());
    }

    /**
     * The plan as text, every value spelled out: what the golden files hold, and what an
     * operator reads to see what a configuration does. Passwords show as {@code set}.
     */
    public String toText() {
        return CalicoPlanText.render(this);
    }

    /**
     * Whether {@code other} treats routes as this plan does: the same import and export rules
     * and the same kernel rule, so a speaker running this plan need not be handed other's
     * policies. {@link Filter} has no value equality of its own (two filters are equal only
     * when they are the same object), so its rules are compared; comparing the filters'
     * {@code toString()} is as reliable, since every match and action prints all of its values,
     * but costs the text.
     */
    public boolean samePolicies(CalicoPlan other) {
        return sameFilter(importPolicy, other.importPolicy) && sameFilter(exportPolicy, other.exportPolicy)
                && kernelRule.equals(other.kernelRule);
    }

    private static boolean sameFilter(Filter a, Filter b) {
        return a.otherwise() == b.otherwise() && a.rules().equals(b.rules());
    }

    /** A copy with the export policy's edits interned in {@code interner} (the speaker's). */
    public CalicoPlan withInterner(AttributeInterner interner) {
        return new CalicoPlan(nodeName, localAs, routerId, listenAddress, listenPort, nodeIpv4, nodeIpv6, clusterId,
                logSeverity, peers, blocks, serviceCidrs, importPolicy,
                new Filter(exportPolicy.rules(), exportPolicy.otherwise(), interner), kernelRule, notes);
    }
}
