package dev.jbgp.peering;

/** Where a peer comes from, worded as {@code calicoctl node status} prints it in PEER TYPE. */
public enum PeerType {
    /** A node of the node-to-node mesh ({@code Mesh_<ip>}). */
    MESH("node-to-node mesh", "Mesh_"),
    /** A BGPPeer that applies to every node ({@code Global_<ip>}). */
    GLOBAL("global", "Global_"),
    /** A BGPPeer with {@code node} or {@code nodeSelector} ({@code Node_<ip>}). */
    NODE_SPECIFIC("node specific", "Node_"),
    /** A peer added through the Java API, not from Calico resources. */
    CONFIGURED("configured", "Peer_");

    private final String label;
    private final String sessionPrefix;

    PeerType(String label, String sessionPrefix) {
        this.label = label;
        this.sessionPrefix = sessionPrefix;
    }

    /** PEER TYPE as the status table prints it. */
    public String label() {
        return label;
    }

    /** The start of the session name BIRD's Calico configuration gives such a peer. */
    public String sessionPrefix() {
        return sessionPrefix;
    }
}
