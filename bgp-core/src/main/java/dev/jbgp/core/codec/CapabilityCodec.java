package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.ExtendedNextHop;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Capability values (RFC 5492 section 4: code, length, value). A known capability whose value
 * has the wrong shape is an OPEN error, subcode 0 (RFC 4271 section 6.2: a recognized but
 * malformed optional parameter); an unknown one is kept as bytes.
 */
final class CapabilityCodec {
    private CapabilityCodec() {
    }

    static Capability decode(int code, ByteBuf value) throws MalformedException {
        int len = value.readableBytes();
        return switch (code) {
            case Capability.MULTIPROTOCOL -> {
                expect(code, len == 4, len);
                int afi = value.readUnsignedShort();
                value.skipBytes(1); // reserved
                yield new Multiprotocol(new AfiSafi(afi, value.readUnsignedByte()));
            }
            case Capability.ROUTE_REFRESH -> {
                expect(code, len == 0, len);
                yield RouteRefreshSupport.INSTANCE;
            }
            case Capability.ENHANCED_ROUTE_REFRESH -> {
                expect(code, len == 0, len);
                yield EnhancedRouteRefresh.INSTANCE;
            }
            case Capability.EXTENDED_MESSAGE -> {
                expect(code, len == 0, len);
                yield ExtendedMessage.INSTANCE;
            }
            case Capability.FOUR_OCTET_AS -> {
                expect(code, len == 4, len);
                yield new FourOctetAs(value.readUnsignedInt());
            }
            case Capability.EXTENDED_NEXT_HOP -> {
                expect(code, len % 6 == 0, len);
                List<ExtendedNextHop.Entry> entries = new ArrayList<>(len / 6);
                while (value.isReadable()) {
                    entries.add(new ExtendedNextHop.Entry(value.readUnsignedShort(), value.readUnsignedShort(),
                            value.readUnsignedShort()));
                }
                yield new ExtendedNextHop(entries);
            }
            case Capability.GRACEFUL_RESTART -> {
                expect(code, len >= 2 && (len - 2) % 4 == 0, len);
                int head = value.readUnsignedShort();
                List<GracefulRestart.Family> families = new ArrayList<>((len - 2) / 4);
                while (value.isReadable()) {
                    AfiSafi family = new AfiSafi(value.readUnsignedShort(), value.readUnsignedByte());
                    families.add(new GracefulRestart.Family(family, value.readUnsignedByte()));
                }
                yield new GracefulRestart(head >>> 12, head & 0xFFF, families);
            }
            case Capability.ADD_PATH -> {
                expect(code, len % 4 == 0, len);
                List<AddPath.Family> families = new ArrayList<>(len / 4);
                while (value.isReadable()) {
                    AfiSafi family = new AfiSafi(value.readUnsignedShort(), value.readUnsignedByte());
                    families.add(new AddPath.Family(family, value.readUnsignedByte()));
                }
                yield new AddPath(families);
            }
            case Capability.LONG_LIVED_GRACEFUL_RESTART -> {
                expect(code, len % 7 == 0, len);
                List<LongLivedGracefulRestart.Family> families = new ArrayList<>(len / 7);
                while (value.isReadable()) {
                    AfiSafi family = new AfiSafi(value.readUnsignedShort(), value.readUnsignedByte());
                    int flags = value.readUnsignedByte();
                    families.add(new LongLivedGracefulRestart.Family(family, flags, value.readUnsignedMedium()));
                }
                yield new LongLivedGracefulRestart(families);
            }
            case Capability.FQDN -> {
                expect(code, len >= 1, len);
                int hostLength = value.readUnsignedByte();
                expect(code, value.readableBytes() >= hostLength + 1, len);
                String host = value.readCharSequence(hostLength, StandardCharsets.UTF_8).toString();
                int domainLength = value.readUnsignedByte();
                expect(code, value.readableBytes() == domainLength, len);
                yield new Fqdn(host, value.readCharSequence(domainLength, StandardCharsets.UTF_8).toString());
            }
            default -> new UnknownCapability(code, ByteBufUtil.getBytes(value));
        };
    }

    private static void expect(int code, boolean ok, int len) throws MalformedException {
        if (!ok) {
            throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "capability " + code + " has a malformed value of " + len + " octets");
        }
    }

    /** Writes code, length and value; a value over 255 octets cannot be expressed and is a bug. */
    static void encode(Capability c, ByteBuf out) {
        out.writeByte(c.code());
        int lengthAt = out.writerIndex();
        out.writeByte(0);
        int start = out.writerIndex();
        switch (c) {
            case Multiprotocol m -> out.writeShort(m.family().afi()).writeByte(0).writeByte(m.family().safi());
            case RouteRefreshSupport r -> { }
            case EnhancedRouteRefresh r -> { }
            case ExtendedMessage e -> { }
            case FourOctetAs f -> out.writeInt((int) f.asNumber());
            case ExtendedNextHop e -> e.entries().forEach(
                    x -> out.writeShort(x.nlriAfi()).writeShort(x.nlriSafi()).writeShort(x.nextHopAfi()));
            case GracefulRestart g -> {
                out.writeShort(g.flags() << 12 | g.restartTime());
                g.families().forEach(f -> out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.flags()));
            }
            case AddPath a -> a.families().forEach(
                    f -> out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.sendReceive()));
            case LongLivedGracefulRestart l -> l.families().forEach(f -> out.writeShort(f.family().afi())
                    .writeByte(f.family().safi()).writeByte(f.flags()).writeMedium(f.staleTime()));
            case Fqdn f -> {
                byte[] host = f.hostname().getBytes(StandardCharsets.UTF_8);
                byte[] domain = f.domain().getBytes(StandardCharsets.UTF_8);
                out.writeByte(host.length).writeBytes(host).writeByte(domain.length).writeBytes(domain);
            }
            case UnknownCapability u -> out.writeBytes(u.value());
        }
        int len = out.writerIndex() - start;
        if (len > 255) {
            throw new IllegalArgumentException("capability " + c.code() + " value of " + len + " octets exceeds 255");
        }
        out.setByte(lengthAt, len);
    }
}
