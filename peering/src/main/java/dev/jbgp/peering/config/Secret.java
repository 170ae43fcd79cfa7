package dev.jbgp.peering.config;

import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes Secret ({@code v1}), to hold the BGP passwords that BGPPeer {@code password} and
 * BGPConfiguration {@code nodeMeshPassword} refer to.
 *
 * @param data the keys and their values, decoded: {@code data} is base64 in the file,
 *     {@code stringData} plain text and wins over {@code data}, as in Kubernetes
 */
public record Secret(String name, String namespace, Map<String, String> data) {
    public Secret {
        Objects.requireNonNull(name, "name");
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        // Never the values: a Secret may end up in a log line.
        return "Secret[name=" + name + ", namespace=" + namespace + ", keys=" + new java.util.TreeSet<>(data.keySet()) + "]";
    }
}
