package dev.jbgp.core.fuzz;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AtomicAggregate;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.ExtendedNextHop;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the fuzz tests' seed inputs (see {@link FuzzInputs} for their layout): messages from
 * our encoder, and each capture under {@code resources/captures/*.hex} (hex text, '#' comment
 * lines) as received from BIRD or GoBGP. Run it after adding a capture and commit the files:
 *
 * <pre>
 * mvn -B -ntp -pl bgp-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.jbgp.core.fuzz.SeedCorpusWriter -Dexec.args=bgp-core/src/test
 * </pre>
 *
 * (from the repository root; the argument is the module's {@code src/test} directory).
 * Each capture holds one message; its seeds are named {@code capture-<file name>}.
 */
public final class SeedCorpusWriter {
    private static final String INPUTS = "resources/dev/jbgp/core/fuzz/MessageDecoderFuzzTestInputs";
    private static final CodecContext FOUR = CodecContext.DEFAULT;
    private static final CodecContext TWO = CodecContext.DEFAULT.withFourOctetAs(false);
    private static final CodecContext ADD_PATH = CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));

    private SeedCorpusWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path test = Path.of(args.length > 0 ? args[0] : "src/test");
        Path stream = test.resolve(INPUTS).resolve("messageStream");
        Path message = test.resolve(INPUTS).resolve("wholeMessage");
        Files.createDirectories(stream);
        Files.createDirectories(message);
        List<byte[]> session = new ArrayList<>();
        for (Seed seed : encoderSeeds()) {
            byte[] bytes = MessageEncoder.toBytes(seed.message(), seed.ctx());
            Files.write(stream.resolve(seed.name()), FuzzInputs.stream(seed.ctx(), bytes));
            Files.write(message.resolve(seed.name()), FuzzInputs.message(seed.ctx(), bytes));
            if (seed.ctx().equals(FOUR)) {
                session.add(bytes);
            }
        }
        // A whole session's worth of messages back to back, as one TCP stream.
        Files.write(stream.resolve("session-four-octet-as"), FuzzInputs.stream(FOUR, session.toArray(byte[][]::new)));
        Path captures = test.resolve("resources/captures");
        if (Files.isDirectory(captures)) {
            try (Stream<Path> files = Files.list(captures)) {
                for (Path hex : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                    writeCapture(hex, stream, message);
                }
            }
        }
    }

    /** One capture (one message): a stream seed and a message seed, in the receiver's context. */
    private static void writeCapture(Path hex, Path stream, Path message) throws IOException {
        List<String> lines = Files.readAllLines(hex);
        String name = hex.getFileName().toString().replaceFirst("\\.hex$", "");
        StringBuilder digits = new StringBuilder();
        for (String line : lines) {
            if (!line.startsWith("#")) {
                digits.append(line.replaceAll("\\s", ""));
            }
        }
        byte[] bytes = HexFormat.of().parseHex(digits);
        CodecContext ctx = lines.stream().filter(l -> l.startsWith("# negotiated:")).findFirst()
                .map(l -> negotiated(name, l)).orElse(FOUR);
        Files.write(stream.resolve("capture-" + name), FuzzInputs.stream(ctx, bytes));
        Files.write(message.resolve("capture-" + name), FuzzInputs.message(ctx, bytes));
    }

    /**
     * The receiver's context from a capture's {@code # negotiated:} line (see the captures'
     * README): {@code 4-octet AS yes|no}, {@code extended message: yes|no}, and the ADD-PATH
     * families either "in this direction" or per sender ({@code bird->gobgp: IPv4 unicast}),
     * the sender being the first word of the file name.
     */
    private static CodecContext negotiated(String name, String line) {
        String l = line.toLowerCase(Locale.ROOT);
        boolean fourOctetAs = l.contains("4-octet as yes");
        boolean extended = l.contains("extended message: yes");
        Matcher m = Pattern.compile("in this direction: ([^;]+)").matcher(l);
        String families = null;
        if (m.find()) {
            families = m.group(1);
        } else {
            Matcher bySender = Pattern.compile("(\\w+)->\\w+: ([^,;]+)").matcher(l);
            while (bySender.find()) {
                if (name.startsWith(bySender.group(1) + "-")) {
                    families = bySender.group(2);
                }
            }
        }
        if (families == null) {
            throw new IllegalArgumentException(name + ": no ADD-PATH families for its sender in " + line);
        }
        Set<AfiSafi> addPath = new HashSet<>();
        if (families.contains("ipv4 unicast")) {
            addPath.add(AfiSafi.IPV4_UNICAST);
        }
        if (families.contains("ipv6 unicast")) {
            addPath.add(AfiSafi.IPV6_UNICAST);
        }
        return new CodecContext(fourOctetAs, addPath, extended);
    }

    private record Seed(String name, CodecContext ctx, BgpMessage message) {
    }

    private static List<Seed> encoderSeeds() {
        try {
            return List.of(
                    new Seed("open-capabilities", FOUR, open()),
                    new Seed("keepalive", FOUR, Keepalive.INSTANCE),
                    new Seed("update-ipv4", FOUR, ipv4Update()),
                    new Seed("update-ipv4-two-octet-as", TWO, ipv4Update()),
                    new Seed("update-ipv4-withdraw-add-path", ADD_PATH, Update.withdraw(
                            PrefixList.of(List.of(Prefix.parse("198.19.21.0/26"), Prefix.parse("198.19.21.64/26")), new int[] {1, 2}))),
                    new Seed("update-ipv6-add-path", ADD_PATH, ipv6Update()),
                    new Seed("update-ipv6-withdraw", FOUR, Update.withdraw(new MpUnreachNlri(AfiSafi.IPV6_UNICAST,
                            PrefixList.of(Prefix.parse("fd00:198:19:21::/64"))))),
                    new Seed("end-of-rib-ipv4", FOUR, Update.endOfRib(AfiSafi.IPV4_UNICAST)),
                    new Seed("end-of-rib-ipv6", FOUR, Update.endOfRib(AfiSafi.IPV6_UNICAST)),
                    new Seed("route-refresh", FOUR, RouteRefresh.request(AfiSafi.IPV4_UNICAST)),
                    new Seed("notification-shutdown", FOUR,
                            Notification.cease(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN, "maintenance until 22:00")),
                    new Seed("notification-bad-peer-as", FOUR,
                            Notification.of(NotificationError.Open.BAD_PEER_AS, new byte[] {(byte) 0xFC, 0x00})));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Open open() {
        return Open.of(4200000001L, 240, 0xC6130002, List.of(
                new Multiprotocol(AfiSafi.IPV4_UNICAST), new Multiprotocol(AfiSafi.IPV6_UNICAST),
                new RouteRefreshSupport(), new EnhancedRouteRefresh(), new ExtendedMessage(),
                new ExtendedNextHop(List.of(new ExtendedNextHop.Entry(AfiSafi.AFI_IPV4, AfiSafi.SAFI_UNICAST, AfiSafi.AFI_IPV6))),
                new GracefulRestart(GracefulRestart.NOTIFICATION, 120,
                        List.of(new GracefulRestart.Family(AfiSafi.IPV4_UNICAST, GracefulRestart.FORWARDING_STATE))),
                new LongLivedGracefulRestart(List.of(new LongLivedGracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0, 3600))),
                new AddPath(List.of(new AddPath.Family(AfiSafi.IPV4_UNICAST, AddPath.BOTH))),
                new Fqdn("node1", "cluster.local")));
    }

    /** Every attribute jbgp decodes, in one IPv4 UPDATE that also withdraws. */
    private static Update ipv4Update() {
        PathAttributes attributes = PathAttributes.of(Origin.IGP, AsPath.sequence(64512, 4200000001L, 65000),
                NextHop.of("198.19.0.3"), new MultiExitDisc(10), new LocalPref(100), AtomicAggregate.INSTANCE,
                new Aggregator(4200000001L, 0xC6130003), Communities.of(Communities.NO_EXPORT, Communities.community(64512, 100)),
                new OriginatorId(0xC6130001), new ClusterList(new int[] {0xC6130001}),
                ExtendedCommunities.of(0x0002FC0000000064L),
                LargeCommunities.of(new LargeCommunities.LargeCommunity((int) 4200000001L, 1, 2)),
                new UnknownAttribute(0xE0, 99, new byte[] {1, 2, 3}));
        PrefixList withdrawn = PrefixList.of(Prefix.parse("198.19.20.0/26"));
        PrefixList nlri = PrefixList.of(Prefix.parse("198.19.21.64/26"), Prefix.parse("198.19.22.0/24"), Prefix.parse("0.0.0.0/0"));
        return new Update(withdrawn, attributes, nlri, null, null);
    }

    private static Update ipv6Update() throws IOException {
        PrefixList nlri = PrefixList.of(List.of(Prefix.parse("fd00:198:19::/48"), Prefix.parse("fd00::1/128")), new int[] {7, 9});
        MpReachNlri reach = MpReachNlri.of(AfiSafi.IPV6_UNICAST, nlri, InetAddress.getByName("fd00::2"),
                InetAddress.getByName("fe80::2"));
        return Update.announce(PathAttributes.of(Origin.INCOMPLETE, AsPath.sequence(64512)), reach);
    }
}
