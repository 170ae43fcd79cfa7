package dev.jbgp.peering.calico;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.peering.config.BgpConfiguration;
import dev.jbgp.peering.config.Community;
import dev.jbgp.peering.config.EncapMode;
import dev.jbgp.peering.config.IpPool;
import dev.jbgp.peering.config.PrefixAdvertisement;
import dev.jbgp.rib.policy.Action;
import dev.jbgp.rib.policy.Filter;
import dev.jbgp.rib.policy.Match;
import dev.jbgp.rib.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The route policies of a Calico node, as Calico's BIRD configuration writes them
 * ({@code bird.cfg}, {@code bird_ipam.cfg}, {@code bird_aggr.cfg}), built from the rib's
 * policy language so they print as BIRD filters.
 */
final class CalicoPolicies {
    private CalicoPolicies() {
    }

    /** Calico imports everything its peers send: it cannot know the upstream topology and trusts the ToR or reflector. */
    static Filter importPolicy() {
        return new Filter(List.of(), Filter.Otherwise.ACCEPT);
    }

    /**
     * {@code calico_export_to_bgp_peers}, first match wins:
     * <ol>
     *   <li>reject routes within pools with {@code disableBGPExport};
     *   <li>add the {@code prefixAdvertisements} communities of the route's range (and go on);
     *   <li>accept each of the node's blocks exactly, reject what lies beneath it ({@code calico_aggr});
     *   <li>accept the service ranges the node advertises, and within them;
     *   <li>on a route reflector, accept within the LoadBalancer and external IP ranges, so the
     *       /32 routes of single services are passed on;
     *   <li>accept within every other pool (VXLAN pools too: advertised, never installed);
     *   <li>reject the rest.
     * </ol>
     * Calico also keeps routes through Felix's tunnel devices ({@code *.cali}, {@code *.calico},
     * {@code tunl0}) from iBGP peers; those are kernel routes BIRD learns, and jbgp learns none
     * from the kernel, so no route of its RIB has such a device.
     */
    static Filter exportPolicy(List<IpPool> pools, List<Prefix> blocks, CalicoPlanner.ServiceRanges services,
            boolean routeReflector, List<PrefixAdvertisement> advertisements, AttributeInterner interner) {
        List<Rule> rules = new ArrayList<>();
        for (IpPool pool : pools) {
            if (pool.disableBGPExport()) {
                rules.add(Rule.of(Match.within(pool.cidr()), Action.reject()));
            }
        }
        for (PrefixAdvertisement a : advertisements) {
            List<Action> adds = new ArrayList<>();
            for (Community c : a.communities()) {
                adds.add(switch (c) {
                    case Community.Standard s -> Action.addCommunity(s.value());
                    case Community.Large l -> Action.addLargeCommunity(l.globalAdministrator(), l.localData1(),
                            l.localData2());
                });
            }
            if (!adds.isEmpty()) {
                rules.add(new Rule(Match.within(a.cidr()), adds));
            }
        }
        for (Prefix block : blocks) {
            rules.add(Rule.of(Match.exact(block), Action.accept()));
            rules.add(Rule.of(Match.within(block), Action.reject()));
        }
        for (Prefix range : services.advertised()) {
            rules.add(Rule.of(Match.within(range), Action.accept()));
        }
        if (routeReflector) {
            TreeSet<Prefix> reflected = new TreeSet<>(services.loadBalancerIps());
            reflected.addAll(services.externalIps());
            reflected.removeAll(services.advertised()); // accepted just above
            for (Prefix range : reflected) {
                rules.add(Rule.of(Match.within(range), Action.accept()));
            }
        }
        for (IpPool pool : pools) {
            if (!pool.disableBGPExport()) {
                rules.add(Rule.of(Match.within(pool.cidr()), Action.accept()));
            }
        }
        return new Filter(rules, Filter.Otherwise.REJECT, interner);
    }

    /**
     * {@code calico_kernel_programming}: service ranges, then the pools; see {@link CalicoKernelRule}.
     * {@code clusterRoutes} says which pools without VXLAN have their routes installed; Felix
     * programs the others, as it programs those of VXLAN pools.
     */
    static CalicoKernelRule kernelRule(List<IpPool> pools, CalicoPlanner.ServiceRanges services, Prefix localSubnet,
            BgpConfiguration.ClusterRoutes clusterRoutes) {
        List<CalicoKernelRule.Entry> entries = new ArrayList<>();
        for (Prefix range : services.notInstalled()) {
            entries.add(new CalicoKernelRule.Entry(range, CalicoKernelRule.Treatment.NOT_INSTALLED, "service range"));
        }
        for (IpPool pool : pools) {
            String name = "IPPool " + pool.name();
            CalicoKernelRule.Entry e;
            if (pool.vxlan()) {
                e = new CalicoKernelRule.Entry(pool.cidr(), CalicoKernelRule.Treatment.NOT_INSTALLED,
                        name + ", vxlanMode " + pool.vxlanMode() + ": Felix programs its routes");
            } else if (pool.ipip() ? !clusterRoutes.ipip() : !clusterRoutes.noEncap()) {
                e = new CalicoKernelRule.Entry(pool.cidr(), CalicoKernelRule.Treatment.NOT_INSTALLED,
                        name + (pool.ipip() ? ", ipipMode " + pool.ipipMode() : ", no encapsulation")
                                + ": Felix programs its routes (programClusterRoutes " + clusterRoutes + ")");
            } else if (pool.ipipMode() == EncapMode.ALWAYS) {
                e = new CalicoKernelRule.Entry(pool.cidr(), CalicoKernelRule.Treatment.IPIP, name + ", ipipMode Always");
            } else if (pool.ipipMode() == EncapMode.CROSS_SUBNET) {
                e = new CalicoKernelRule.Entry(pool.cidr(), CalicoKernelRule.Treatment.IPIP_CROSS_SUBNET,
                        name + ", ipipMode CrossSubnet");
            } else {
                e = new CalicoKernelRule.Entry(pool.cidr(), CalicoKernelRule.Treatment.VIA, name + ", no encapsulation");
            }
            entries.add(e);
        }
        return new CalicoKernelRule(entries, localSubnet);
    }
}
