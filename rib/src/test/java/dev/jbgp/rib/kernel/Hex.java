package dev.jbgp.rib.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

/** Byte vectors written as hex, one field a line with a {@code #} comment naming it. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            digits.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    static MemorySegment segment(String text) {
        return MemorySegment.ofArray(bytes(text));
    }

    /** Space-separated, 4 bytes a group: readable in an assertion failure. */
    static String format(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                s.append(i % 4 == 0 ? "  " : " ");
            }
            s.append(HexFormat.of().toHexDigits(bytes[i]));
        }
        return s.toString();
    }

    static String format(MemorySegment segment) {
        return format(segment.toArray(ValueLayout.JAVA_BYTE));
    }
}
