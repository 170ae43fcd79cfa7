package dev.jbgp.peering.config;

/**
 * A BGP community as Calico writes one in {@code prefixAdvertisements}: {@code aa:nn}, a
 * standard community (RFC 1997, two 16-bit numbers), or {@code aa:nn:mm}, a large one (RFC
 * 8092, three 32-bit numbers).
 */
public sealed interface Community extends Comparable<Community> {

    /** Parses {@code aa:nn} or {@code aa:nn:mm}; null when the text is neither (then it may be a community's name). */
    static Community parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        long[] n = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 10 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            n[i] = Long.parseLong(parts[i]);
        }
        if (parts.length == 2) {
            return n[0] <= 0xFFFF && n[1] <= 0xFFFF ? new Standard((int) (n[0] << 16 | n[1])) : null;
        }
        for (long v : n) {
            if (v > 0xFFFF_FFFFL) {
                return null;
            }
        }
        return new Large(n[0], n[1], n[2]);
    }

    /** Orders as Calico does, by the text. */
    @Override
    default int compareTo(Community o) {
        return toString().compareTo(o.toString());
    }

    record Standard(int value) implements Community {
        public int high() {
            return value >>> 16;
        }

        public int low() {
            return value & 0xFFFF;
        }

        @Override
        public String toString() {
            return high() + ":" + low();
        }
    }

    record Large(long globalAdministrator, long localData1, long localData2) implements Community {
        @Override
        public String toString() {
            return globalAdministrator + ":" + localData1 + ":" + localData2;
        }
    }
}
