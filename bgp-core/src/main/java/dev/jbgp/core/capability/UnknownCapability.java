package dev.jbgp.core.capability;

import java.util.Arrays;
import java.util.HexFormat;

/** A capability jbgp does not interpret, kept as its code and value bytes. */
public record UnknownCapability(int code, byte[] value) implements Capability {
    public UnknownCapability {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("capability code out of range: " + code);
        }
        if (value.length > 0xFF) {
            throw new IllegalArgumentException("capability value longer than 255 octets");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownCapability u && u.code == code && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return code * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnknownCapability[code=" + code + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
