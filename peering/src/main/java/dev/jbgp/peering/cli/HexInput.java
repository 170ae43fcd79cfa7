package dev.jbgp.peering.cli;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bytes of BGP messages from the text an operator pastes: plain hex (spaces,
 * newlines, colons, commas and {@code 0x} prefixes allowed), a Wireshark "Copy as Hex Dump",
 * {@code tcpdump -X} / {@code -xx} output, {@code xxd} or {@code hexdump -C}. Lines starting
 * with {@code #} are comments.
 *
 * <p>Dumps carry an offset on every line and an ASCII column that may itself look like hex
 * ({@code "ab"} is both). The data is what lies between the offset and the first gap of the
 * width the tool puts before its ASCII column, and each line's offset must equal the octets read
 * so far, so a misread line is an error rather than a silently wrong message. An offset back at
 * zero starts another packet; a packet that does not begin with the BGP marker (a capture with
 * its link, IP and TCP headers) is read from its first marker.
 */
final class HexInput {
    /** {@code 0x0000:  ffff ffff ...  ....} (tcpdump) or {@code 00000000: ffff ...} (xxd). */
    private static final Pattern COLON_OFFSET = Pattern.compile("^\\s*(?:0x)?(\\p{XDigit}{4,8}):(.*)$",
            Pattern.CASE_INSENSITIVE);
    /**
     * {@code 0000   ff ff ...   ....} (Wireshark), {@code 00000000  ff ff ...  |....|} (hexdump -C),
     * {@code 000000 ff ff ...} (od -Ax -tx1).
     */
    private static final Pattern SPACE_OFFSET = Pattern.compile("^\\s*(\\p{XDigit}{4,8})[ \\t]+(.*)$");
    private static final Pattern HEX = Pattern.compile("\\p{XDigit}+");
    private static final int MARKER_LENGTH = 16;

    /** The octets read and what was left out on the way (headers before the first BGP marker). */
    record Parsed(byte[] bytes, String format, List<String> notes) {
    }

    private HexInput() {
    }

    /** Parses {@code text}; a text that is none of the accepted forms is an {@link IllegalArgumentException}. */
    static Parsed parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no hex input");
        }
        for (String line : lines) {
            Matcher m = COLON_OFFSET.matcher(line);
            if (m.matches() && Long.parseLong(m.group(1), 16) == 0 && m.group(2).startsWith(" ")) {
                return dump(lines, COLON_OFFSET, "tcpdump");
            }
        }
        Matcher first = SPACE_OFFSET.matcher(lines.getFirst());
        if (first.matches() && Long.parseLong(first.group(1), 16) == 0) {
            return dump(lines, SPACE_OFFSET, "hex dump");
        }
        return new Parsed(plain(lines), "plain hex", List.of());
    }

    /**
     * Hex digits with any separators; {@code 0x} and {@code \x} prefixes pad a lone digit; a
     * {@code #} starts a comment to the end of the line.
     */
    private static byte[] plain(List<String> lines) {
        StringBuilder digits = new StringBuilder();
        for (String line : lines) {
            int comment = line.indexOf('#');
            String content = comment < 0 ? line : line.substring(0, comment);
            for (String token : content.strip().split("[\\s,;:]+")) {
                String t = token;
                boolean prefixed = t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X") || t.startsWith("\\x"));
                if (prefixed) {
                    t = t.substring(2);
                }
                if (t.isEmpty()) {
                    continue;
                }
                if (!HEX.matcher(t).matches()) {
                    throw new IllegalArgumentException("not hex: \"" + token + "\"");
                }
                if (prefixed && t.length() % 2 == 1) {
                    digits.append('0');
                }
                digits.append(t);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static Parsed dump(List<String> lines, Pattern offsetPattern, String format) {
        boolean tcpdump = offsetPattern == COLON_OFFSET;
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream packet = null;
        for (String line : lines) {
            Matcher m = offsetPattern.matcher(line);
            if (!m.matches()) {
                continue; // tcpdump's per-packet summary lines, hexdump's trailing offset
            }
            long offset = Long.parseLong(m.group(1), 16);
            String rest = m.group(m.groupCount());
            if (offset == 0) {
                if (packet != null) {
                    packets.add(packet.toByteArray());
                }
                packet = new ByteArrayOutputStream();
            } else if (packet == null || offset != packet.size()) {
                throw new IllegalArgumentException("dump line at offset 0x" + Long.toHexString(offset)
                        + " follows " + (packet == null ? 0 : packet.size()) + " octets: \"" + line.strip() + "\"");
            }
            packet.writeBytes(tcpdump ? groupedData(rest) : byteData(rest));
        }
        packets.add(packet.toByteArray());
        List<String> notes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            int start = payloadStart(p);
            if (start > 0) {
                notes.add("packet " + (i + 1) + ": skipped " + start
                        + " octets (link, IP and TCP headers) before the first BGP marker");
            }
            out.write(p, start, p.length - start);
        }
        return new Parsed(out.toByteArray(), format, notes);
    }

    /**
     * tcpdump and xxd: groups of four digits (two for an odd last octet) separated by one space;
     * the ASCII column follows two spaces.
     */
    private static byte[] groupedData(String rest) {
        String data = rest.stripLeading();
        int gap = data.indexOf("  ");
        if (gap >= 0) {
            data = data.substring(0, gap);
        }
        StringBuilder digits = new StringBuilder();
        for (String group : data.strip().split(" ")) {
            if (group.isEmpty()) {
                continue;
            }
            if (!HEX.matcher(group).matches() || group.length() % 2 != 0 || group.length() > 8) {
                throw new IllegalArgumentException("not a hex group in a dump line: \"" + group + "\"");
            }
            digits.append(group);
        }
        return HexFormat.of().parseHex(digits);
    }

    /**
     * Wireshark, hexdump -C and od: two-digit octets separated by one space, at most one two-space
     * gap in the middle of the line; the ASCII column follows three or more spaces (Wireshark),
     * or is fenced by bars (hexdump -C).
     */
    private static byte[] byteData(String rest) {
        StringBuilder digits = new StringBuilder();
        String s = rest.strip();
        int i = 0;
        int spaces = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                spaces += c == '\t' ? 3 : 1;
                i++;
                continue;
            }
            if (!digits.isEmpty() && spaces >= 3) {
                break; // the ASCII column
            }
            int end = i;
            while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
                end++;
            }
            String token = s.substring(i, end);
            if (token.length() != 2 || !HEX.matcher(token).matches()) {
                if (digits.isEmpty()) {
                    throw new IllegalArgumentException("not a hex octet in a dump line: \"" + token + "\"");
                }
                break; // hexdump -C's |ascii| after a two-space gap
            }
            digits.append(token);
            spaces = 0;
            i = end;
        }
        return HexFormat.of().parseHex(digits);
    }

    /** Where the BGP octets of a captured packet start: 0, or the first marker after the headers. */
    private static int payloadStart(byte[] p) {
        if (hasMarker(p, 0) || p.length < MARKER_LENGTH) {
            return 0;
        }
        for (int i = 1; i + MARKER_LENGTH <= p.length; i++) {
            if (hasMarker(p, i)) {
                return i;
            }
        }
        return 0;
    }

    private static boolean hasMarker(byte[] p, int at) {
        if (at + MARKER_LENGTH > p.length) {
            return false;
        }
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (p[at + i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
