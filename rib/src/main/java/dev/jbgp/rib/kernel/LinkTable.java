package dev.jbgp.rib.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Interface names and indices of the netlink socket's namespace, read with a RTM_GETLINK dump.
 *
 * <p>if_nametoindex(3) would ask through a socket of the calling thread's namespace, which is
 * not the one of a socket opened in another namespace; asking over the netlink socket itself
 * always gets the right one.
 */
final class LinkTable {

    /** IFLA_IFNAME (linux/if_link.h): the interface name, NUL-terminated. */
    static final int IFLA_IFNAME = 3;

    record Link(int index, String name) {}

    private final Map<String, Integer> indexByName = new HashMap<>();
    private final Map<Integer, String> nameByIndex = new HashMap<>();

    LinkTable(List<Link> links) {
        for (Link link : links) {
            indexByName.put(link.name(), link.index());
            nameByIndex.put(link.index(), link.name());
        }
    }

    static LinkTable empty() {
        return new LinkTable(List.of());
    }

    OptionalInt index(String name) {
        Integer index = indexByName.get(name);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    Optional<String> name(int index) {
        return Optional.ofNullable(nameByIndex.get(index));
    }

    /**
     * Reads the RTM_NEWLINK message at {@code offset}: struct ifinfomsg (family, pad, type u16,
     * index s32, flags u32, change u32) then attributes, of which IFLA_IFNAME is kept.
     */
    static Optional<Link> readLink(MemorySegment buffer, long offset) {
        int length = NetlinkHeader.length(buffer, offset);
        if (length < NetlinkHeader.SIZE + RtMessage.IFINFOMSG_SIZE || offset + length > buffer.byteSize()) {
            throw new IllegalArgumentException("link message of " + length + " bytes");
        }
        long info = offset + NetlinkHeader.SIZE;
        int index = buffer.get(NetlinkHeader.U32, info + 4);
        long end = offset + length;
        long at = info + RtMessage.IFINFOMSG_SIZE;
        while (at + RouteAttribute.HEADER <= end) {
            int attributeLength = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at));
            int type = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at + 2)) & RouteAttribute.TYPE_MASK;
            if (attributeLength < RouteAttribute.HEADER || at + attributeLength > end) {
                throw new IllegalArgumentException("link attribute overruns its message");
            }
            if (type == IFLA_IFNAME) {
                byte[] bytes = buffer.asSlice(at + RouteAttribute.HEADER, attributeLength - RouteAttribute.HEADER)
                        .toArray(JAVA_BYTE);
                int n = 0;
                while (n < bytes.length && bytes[n] != 0) {
                    n++;
                }
                return Optional.of(new Link(index, new String(bytes, 0, n, StandardCharsets.UTF_8)));
            }
            at += NetlinkHeader.align(attributeLength);
        }
        return Optional.empty();
    }
}
