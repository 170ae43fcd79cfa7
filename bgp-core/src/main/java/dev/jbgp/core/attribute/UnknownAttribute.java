package dev.jbgp.core.attribute;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An optional attribute jbgp does not interpret, kept with its flags (Optional, Transitive,
 * Partial; the Extended Length bit is a matter of encoding and is not kept) and value bytes.
 * RFC 4271 section 5: an unrecognized optional transitive attribute is passed on with the
 * Partial bit set; an unrecognized non-transitive one is quietly ignored (the decoder drops it).
 */
public record UnknownAttribute(int flags, int typeCode, byte[] value) implements PathAttribute {
    public UnknownAttribute {
        if ((flags & FLAG_OPTIONAL) == 0) {
            throw new IllegalArgumentException("an unknown well-known attribute cannot be kept: type " + typeCode);
        }
        if (typeCode < 0 || typeCode > 0xFF) {
            throw new IllegalArgumentException("type code out of range: " + typeCode);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value longer than 65535 octets");
        }
        flags &= FLAG_OPTIONAL | FLAG_TRANSITIVE | FLAG_PARTIAL;
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public boolean transitive() {
        return (flags & FLAG_TRANSITIVE) != 0;
    }

    public boolean partial() {
        return (flags & FLAG_PARTIAL) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttribute u && u.flags == flags && u.typeCode == typeCode
                && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return (flags * 256 + typeCode) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnknownAttribute[type=" + typeCode + ", flags=0x" + Integer.toHexString(flags) + ", value="
                + HexFormat.of().formatHex(value) + "]";
    }
}
