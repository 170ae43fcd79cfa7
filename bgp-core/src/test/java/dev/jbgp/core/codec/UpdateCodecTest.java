package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateCodecTest {
    private static DecodeResult roundTrip(dev.jbgp.core.message.BgpMessage m, CodecContext ctx) {
        return new MessageDecoder(ctx).decode(MessageEncoder.toBytes(m, ctx));
    }

    @Test
    void ipv4UpdateWithFourOctetPathSurvivesATwoOctetSession() {
        PathAttributes attrs = PathAttributes.of(Origin.IGP, AsPath.sequence(64512, 4200000001L),
                NextHop.of("198.19.0.3"), Communities.of(Communities.NO_EXPORT, Communities.community(64512, 100)));
        Update u = Update.announce(attrs, PrefixList.of(Prefix.parse("198.19.21.64/26"), Prefix.parse("198.19.22.0/24")));
        for (CodecContext ctx : List.of(CodecContext.DEFAULT, CodecContext.DEFAULT.withFourOctetAs(false))) {
            DecodeResult r = roundTrip(u, ctx);
            assertEquals(u, assertInstanceOf(DecodeResult.Decoded.class, r).message());
        }
    }

    @Test
    void ipv6UpdateWithAddPathRoundTrips() throws Exception {
        CodecContext ctx = CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV6_UNICAST));
        PrefixList nlri = PrefixList.of(List.of(Prefix.parse("fd00:198:19::/48"), Prefix.parse("fd00::1/128")), new int[] {7, 9});
        MpReachNlri reach = MpReachNlri.of(AfiSafi.IPV6_UNICAST, nlri, InetAddress.getByName("fd00::2"),
                InetAddress.getByName("fe80::2"));
        Update u = Update.announce(PathAttributes.of(Origin.INCOMPLETE, AsPath.EMPTY), reach);
        assertEquals(u, assertInstanceOf(DecodeResult.Decoded.class, roundTrip(u, ctx)).message());
    }

    @Test
    void openRoundTrips() {
        Open o = Open.of(4200000001L, 240, 0x0A000001, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST),
                new GracefulRestart(GracefulRestart.NOTIFICATION, 120, List.of(new GracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0x80))),
                new AddPath(List.of(new AddPath.Family(AfiSafi.IPV4_UNICAST, AddPath.BOTH)))));
        assertEquals(o, assertInstanceOf(DecodeResult.Decoded.class, roundTrip(o, CodecContext.DEFAULT)).message());
        assertEquals(Open.AS_TRANS, o.myAs());
        assertEquals(4200000001L, o.asNumber());
    }
}
