package dev.jbgp.core.attribute;

/** LOCAL_PREF (RFC 4271 section 5.1.5): an unsigned 32-bit preference, higher preferred. */
public record LocalPref(long value) implements PathAttribute {
    public LocalPref {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("LOCAL_PREF out of range: " + value);
        }
    }

    @Override
    public int typeCode() {
        return LOCAL_PREF;
    }
}
