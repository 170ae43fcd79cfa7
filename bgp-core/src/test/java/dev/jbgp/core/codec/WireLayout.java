package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.attribute.PathAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the fields of an encoded message sit, found by walking its bytes as RFC 4271 section 4
 * lays them out (RFC 4760 for MP_REACH_NLRI / MP_UNREACH_NLRI, RFC 7911 for path identifiers,
 * RFC 9072 for extended OPEN parameters). Tests use it to look at the wire and to aim mutations
 * at length fields, counts and attribute flags. It walks well-formed messages only: the
 * encoder's, before they are mutated.
 */
final class WireLayout {
    private static final int OPEN = 1;
    private static final int UPDATE = 2;
    private static final int NOTIFICATION = 3;

    private WireLayout() {
    }

    /** A length or count field: its offset in the message and its width in octets. */
    record Field(String name, int offset, int width) {
        int read(byte[] m) {
            return width == 1 ? u8(m, offset) : u16(m, offset);
        }

        void write(byte[] m, int value) {
            if (width == 1) {
                m[offset] = (byte) value;
            } else {
                m[offset] = (byte) (value >>> 8);
                m[offset + 1] = (byte) value;
            }
        }

        int max() {
            return width == 1 ? 0xFF : 0xFFFF;
        }
    }

    /** One path attribute of an UPDATE: where its flags octet is, its type, where its value starts and its length. */
    record Attribute(int offset, int flags, int type, int valueOffset, int length) {
        boolean extendedLength() {
            return (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
        }

        byte[] value(byte[] m) {
            return Arrays.copyOfRange(m, valueOffset, valueOffset + length);
        }
    }

    /** The path attributes of an UPDATE in wire order. */
    static List<Attribute> attributes(byte[] update) {
        int totalAt = 21 + u16(update, 19);
        int p = totalAt + 2;
        int end = p + u16(update, totalAt);
        List<Attribute> out = new ArrayList<>();
        while (p < end) {
            int flags = u8(update, p);
            boolean extended = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
            int length = extended ? u16(update, p + 2) : u8(update, p + 2);
            int value = p + (extended ? 4 : 3);
            out.add(new Attribute(p, flags, u8(update, p + 1), value, length));
            p = value + length;
        }
        return out;
    }

    /** The offsets of the attribute flags octets of an UPDATE; none for other messages. */
    static List<Integer> attributeFlags(byte[] message) {
        return message[18] == UPDATE ? attributes(message).stream().map(Attribute::offset).toList() : List.of();
    }

    /** Every length and count field of a message, the header's Length first. */
    static List<Field> lengthFields(byte[] m, CodecContext ctx) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("message length", 16, 2));
        switch (m[18]) {
            case OPEN -> openFields(m, fields);
            case UPDATE -> updateFields(m, ctx, fields);
            case NOTIFICATION -> {
                // RFC 8203 / RFC 9003: the shutdown communication's length octet.
                if (u8(m, 19) == 6 && (u8(m, 20) == 2 || u8(m, 20) == 4) && m.length > 21) {
                    fields.add(new Field("shutdown communication length", 21, 1));
                }
            }
            default -> { }
        }
        return fields;
    }

    private static void updateFields(byte[] m, CodecContext ctx, List<Field> fields) {
        boolean v4Ids = ctx.addPath(AfiSafi.IPV4_UNICAST);
        int withdrawnLength = u16(m, 19);
        fields.add(new Field("withdrawn routes length", 19, 2));
        prefixFields(m, 21, 21 + withdrawnLength, v4Ids, "withdrawn prefix length", fields);
        int totalAt = 21 + withdrawnLength;
        fields.add(new Field("total path attribute length", totalAt, 2));
        for (Attribute a : attributes(m)) {
            String name = PathAttribute.name(a.type());
            fields.add(new Field(name + " length", a.offset() + 2, a.extendedLength() ? 2 : 1));
            int v = a.valueOffset();
            int end = v + a.length();
            switch (a.type()) {
                case PathAttribute.AS_PATH, PathAttribute.AS4_PATH -> {
                    int width = a.type() == PathAttribute.AS4_PATH || ctx.fourOctetAs() ? 4 : 2;
                    for (int p = v; p < end; p += 2 + width * u8(m, p + 1)) {
                        fields.add(new Field(name + " segment count", p + 1, 1));
                    }
                }
                case PathAttribute.MP_REACH_NLRI -> {
                    AfiSafi family = new AfiSafi(u16(m, v), u8(m, v + 2));
                    fields.add(new Field("next hop length", v + 3, 1));
                    prefixFields(m, v + 5 + u8(m, v + 3), end, ctx.addPath(family), family + " prefix length", fields);
                }
                case PathAttribute.MP_UNREACH_NLRI -> {
                    AfiSafi family = new AfiSafi(u16(m, v), u8(m, v + 2));
                    if (family.hasIpPrefixes()) {
                        prefixFields(m, v + 3, end, ctx.addPath(family), family + " withdrawn prefix length", fields);
                    }
                }
                default -> { }
            }
        }
        prefixFields(m, totalAt + 2 + u16(m, totalAt), m.length, v4Ids, "NLRI prefix length", fields);
    }

    private static void prefixFields(byte[] m, int from, int to, boolean pathIds, String name, List<Field> fields) {
        for (int p = from; p < to; ) {
            p += pathIds ? 4 : 0;
            fields.add(new Field(name, p, 1));
            p += 1 + ((u8(m, p) + 7) >>> 3);
        }
    }

    private static void openFields(byte[] m, List<Field> fields) {
        boolean extended = u8(m, 28) == 255 && u8(m, 29) == 255;
        int p;
        if (extended) {
            fields.add(new Field("extended optional parameters length", 30, 2));
            p = 32;
        } else {
            fields.add(new Field("optional parameters length", 28, 1));
            p = 29;
        }
        while (p < m.length) {
            int length = extended ? u16(m, p + 1) : u8(m, p + 1);
            fields.add(new Field("parameter length", p + 1, extended ? 2 : 1));
            int q = p + (extended ? 3 : 2);
            int end = q + length;
            while (q < end) {
                int code = u8(m, q);
                int capLength = u8(m, q + 1);
                fields.add(new Field("capability " + code + " length", q + 1, 1));
                if (code == 73) {
                    int hostLength = u8(m, q + 2);
                    fields.add(new Field("FQDN hostname length", q + 2, 1));
                    fields.add(new Field("FQDN domain length", q + 3 + hostLength, 1));
                }
                q += 2 + capLength;
            }
            p = end;
        }
    }

    static int u8(byte[] m, int at) {
        return m[at] & 0xFF;
    }

    static int u16(byte[] m, int at) {
        return (m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF);
    }
}
