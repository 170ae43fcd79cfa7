package dev.jbgp.core.attribute;

import java.util.List;
import java.util.StringJoiner;

/** LARGE_COMMUNITY (RFC 8092): {@code global:local1:local2}, three unsigned 32-bit numbers each. */
public record LargeCommunities(List<LargeCommunity> values) implements PathAttribute {
    public LargeCommunities {
        values = List.copyOf(values);
    }

    public static LargeCommunities of(LargeCommunity... values) {
        return new LargeCommunities(List.of(values));
    }

    /** One large community; the numbers are unsigned 32-bit values held in ints. */
    public record LargeCommunity(int globalAdministrator, int localData1, int localData2) {
        @Override
        public String toString() {
            return Integer.toUnsignedString(globalAdministrator) + ":" + Integer.toUnsignedString(localData1) + ":"
                    + Integer.toUnsignedString(localData2);
        }
    }

    @Override
    public int typeCode() {
        return LARGE_COMMUNITY;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "LargeCommunities[", "]");
        values.forEach(v -> j.add(v.toString()));
        return j.toString();
    }
}
