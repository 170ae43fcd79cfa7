package dev.jbgp.peering.config;

import java.util.Objects;

/**
 * A key of a Secret ({@code password: {secretKeyRef: {name: bgp-secrets, key: tor1}}}), as
 * BGPPeer {@code password} and BGPConfiguration {@code nodeMeshPassword} name one. Calico reads
 * the Secret from calico-node's namespace; a file holds one set of Secrets, found by name.
 */
public record SecretKeyRef(String name, String key) {
    public SecretKeyRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "secret \"" + name + "\" key \"" + key + "\"";
    }
}
