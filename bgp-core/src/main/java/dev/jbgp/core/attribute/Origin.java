package dev.jbgp.core.attribute;

/** ORIGIN (RFC 4271 section 5.1.1), well-known mandatory. */
public enum Origin implements PathAttribute {
    IGP,
    EGP,
    INCOMPLETE;

    /** The value octet: 0, 1 or 2. */
    public int value() {
        return ordinal();
    }

    /** The origin for a value octet, or null when the value is not 0, 1 or 2. */
    public static Origin of(int value) {
        return value >= 0 && value <= 2 ? values()[value] : null;
    }

    @Override
    public int typeCode() {
        return ORIGIN;
    }
}
