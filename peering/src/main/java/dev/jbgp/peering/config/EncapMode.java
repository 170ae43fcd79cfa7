package dev.jbgp.peering.config;

/** IPPool {@code ipipMode} and {@code vxlanMode}, spelled as Calico spells them. */
public enum EncapMode {
    NEVER("Never"),
    ALWAYS("Always"),
    /** Encapsulate only toward nodes outside our own subnet. */
    CROSS_SUBNET("CrossSubnet");

    private final String text;

    EncapMode(String text) {
        this.text = text;
    }

    /** The mode Calico writes as {@code text}; an empty string is {@link #NEVER}, as in Calico. Null when unknown. */
    public static EncapMode fromText(String text) {
        if (text.isEmpty()) {
            return NEVER;
        }
        for (EncapMode m : values()) {
            if (m.text.equals(text)) {
                return m;
            }
        }
        return null;
    }

    public boolean encapsulates() {
        return this != NEVER;
    }

    @Override
    public String toString() {
        return text;
    }
}
