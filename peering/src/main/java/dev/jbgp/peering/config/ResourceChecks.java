package dev.jbgp.peering.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks that need more than one resource: names unique within a kind, passwords that
 * name a Secret and key that exist, pools that do not overlap, node addresses that no two
 * nodes share. Each finding names the later resource, the field and the value.
 */
public final class ResourceChecks {
    private ResourceChecks() {
    }

    /** Throws when {@code resources} do not fit together; every finding is in the exception. */
    public static void check(Resources resources) throws ConfigException {
        List<ResourceError> errors = new ArrayList<>();
        unique(errors, "BGPConfiguration", resources.bgpConfigurations(), BgpConfiguration::name);
        unique(errors, "Node", resources.nodes(), Node::name);
        unique(errors, "BGPPeer", resources.bgpPeers(), BgpPeer::name);
        unique(errors, "IPPool", resources.ipPools(), IpPool::name);
        unique(errors, "IPAMBlock", resources.ipamBlocks(), IpamBlock::name);
        unique(errors, "Secret", resources.secrets(), s -> s.namespace() == null ? s.name() : s.namespace() + "/" + s.name());

        for (BgpPeer p : resources.bgpPeers()) {
            if (p.password() != null) {
                secretExists(errors, resources, "BGPPeer", p.name(), "spec.password.secretKeyRef", p.password());
            }
        }
        resources.defaultConfiguration().ifPresent(c -> {
            if (c.nodeMeshPassword() != null) {
                secretExists(errors, resources, "BGPConfiguration", c.name(), "spec.nodeMeshPassword.secretKeyRef",
                        c.nodeMeshPassword());
            }
        });

        List<IpPool> pools = resources.ipPools();
        for (int i = 0; i < pools.size(); i++) {
            for (int j = 0; j < i; j++) {
                IpPool a = pools.get(j);
                IpPool b = pools.get(i);
                if (a.cidr().contains(b.cidr()) || b.cidr().contains(a.cidr())) {
                    errors.add(new ResourceError("IPPool", b.name(), "spec.cidr", FieldReader.quote(b.cidr().toString()),
                            "overlaps IPPool \"" + a.name() + "\" (" + a.cidr() + ")"));
                }
            }
        }

        Map<String, String> nodeByAddress = new HashMap<>();
        for (Node n : resources.nodes()) {
            for (boolean v6 : new boolean[] {false, true}) {
                NodeAddress a = n.address(v6);
                if (a == null) {
                    continue;
                }
                String other = nodeByAddress.putIfAbsent(a.text(), n.name());
                if (other != null) {
                    errors.add(new ResourceError("Node", n.name(), v6 ? "spec.bgp.ipv6Address" : "spec.bgp.ipv4Address",
                            FieldReader.quote(a.toString()), "is also the address of Node \"" + other + "\""));
                }
            }
        }

        Map<String, String> blockByCidr = new HashMap<>();
        for (IpamBlock b : resources.ipamBlocks()) {
            String other = blockByCidr.putIfAbsent(b.cidr().toString(), b.name());
            if (other != null) {
                errors.add(new ResourceError("IPAMBlock", b.name(), "spec.cidr", FieldReader.quote(b.cidr().toString()),
                        "is also the CIDR of IPAMBlock \"" + other + "\""));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    private static <T> void unique(List<ResourceError> errors, String kind, List<T> resources, Function<T, String> name) {
        Map<String, Boolean> seen = new HashMap<>();
        for (T r : resources) {
            String n = name.apply(r);
            if (seen.putIfAbsent(n, Boolean.TRUE) != null) {
                errors.add(new ResourceError(kind, n, "metadata.name", FieldReader.quote(n),
                        "is used by another " + kind));
            }
        }
    }

    private static void secretExists(List<ResourceError> errors, Resources resources, String kind, String name,
            String field, SecretKeyRef ref) {
        ObjectNode shown = JsonNodeFactory.instance.objectNode().put("name", ref.name()).put("key", ref.key());
        boolean secret = resources.secrets().stream().anyMatch(s -> s.name().equals(ref.name()));
        if (!secret) {
            errors.add(new ResourceError(kind, name, field, shown.toString(),
                    "names a Secret \"" + ref.name() + "\" that the configuration does not hold"));
        } else if (resources.secretValue(ref).isEmpty()) {
            errors.add(new ResourceError(kind, name, field, shown.toString(),
                    "names a key \"" + ref.key() + "\" that Secret \"" + ref.name() + "\" does not have"));
        }
    }
}
