package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.CollisionCases.Ids;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Collision#loser} on its own: RFC 4271 section 6.8 and RFC 6286 section 2.3. */
class CollisionLoserTest {
    private static final Connection OURS = Connection.outgoing(7);
    private static final Connection THEIRS = Connection.incoming(3);

    static Stream<Ids> ids() {
        return CollisionCases.identifierOrders().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void theConnectionOpenedByTheLowerSpeakerLosesWhicheverCameFirst(Ids ids) {
        SessionConfig config = ids.config().build();
        Open open = ids.peerOpen();
        Connection expected = ids.localWins() ? THEIRS : OURS;
        assertAll(
                () -> assertEquals(expected, Collision.loser(config, open, OURS, THEIRS), "ours first"),
                () -> assertEquals(expected, Collision.loser(config, open, THEIRS, OURS), "theirs first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void twoConnectionsInTheSameDirectionKeepTheExistingOne(Ids ids) {
        SessionConfig config = ids.config().build();
        Open open = ids.peerOpen();
        Connection theirsAgain = Connection.incoming(4);
        Connection oursAgain = Connection.outgoing(8);
        assertAll(
                () -> assertEquals(theirsAgain, Collision.loser(config, open, THEIRS, theirsAgain)),
                () -> assertEquals(THEIRS, Collision.loser(config, open, theirsAgain, THEIRS)),
                () -> assertEquals(oursAgain, Collision.loser(config, open, OURS, oursAgain)));
    }

    @Test
    void identifiersCompareAsUnsignedIntegersNotAsSignedOnes() {
        // 255.255.255.255 is the largest identifier; as a signed int it is -1.
        SessionConfig config = CollisionFixture.config(65001, 0xFFFF_FFFF, 65002).build();
        assertEquals(THEIRS, Collision.loser(config, CollisionFixture.open(65002, 1), OURS, THEIRS));
        SessionConfig low = CollisionFixture.config(65001, 1, 65002).build();
        assertEquals(OURS, Collision.loser(low, CollisionFixture.open(65002, 0xFFFF_FFFF), OURS, THEIRS));
    }

    @Test
    void equalIdentifiersAreBrokenByThePeersFourOctetAsNotByAsTrans() {
        // The peer's AS 4200000001 travels in the capability; the 2-octet field says AS_TRANS (23456),
        // which alone would lose against our 65001.
        int id = 0x0A00_0001;
        SessionConfig config = CollisionFixture.config(65001, id, 4_200_000_001L).build();
        Open open = new Open(Open.AS_TRANS, 90, id, List.of(new FourOctetAs(4_200_000_001L)));
        assertEquals(OURS, Collision.loser(config, open, OURS, THEIRS));
        // And against our own larger 4-octet AS, the peer's loses.
        SessionConfig larger = CollisionFixture.config(4_200_000_002L, id, 4_200_000_001L).build();
        assertEquals(THEIRS, Collision.loser(larger, open, OURS, THEIRS));
    }

    @Test
    void equalIdentifiersAndEqualAsesCannotDecideAndKeepTheExistingConnection() {
        // Only possible within one AS, where such an OPEN is refused (RFC 6286 section 2.2) anyway.
        int id = 0x0A00_0001;
        SessionConfig config = CollisionFixture.config(65001, id, 65001).build();
        Open open = CollisionFixture.open(65001, id);
        assertEquals(THEIRS, Collision.loser(config, open, OURS, THEIRS));
        assertEquals(OURS, Collision.loser(config, open, THEIRS, OURS));
    }

    private static final long[] SEEDS = {1, 42, 4271, 6286, 0x5EED_C011L};
    private static final int PAIRS_PER_SEED = 2_000;

    /**
     * Both speakers decide, each from its own side, and must close the same TCP connection: our
     * outgoing connection is the peer's incoming one. Identifiers and ASes are drawn so that
     * high bits, equal identifiers and equal ASes all occur.
     */
    @Test
    void bothSpeakersCloseTheSameTcpConnection() {
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < PAIRS_PER_SEED; i++) {
                int idA = identifier(random);
                int idB = random.nextInt(4) == 0 ? idA : identifier(random);
                long asA = as(random);
                long asB = random.nextInt(4) == 0 ? asA : as(random);
                if (idA == idB && asA == asB) {
                    continue; // refused as an iBGP identifier clash before collision detection
                }
                SessionConfig a = CollisionFixture.config(asA, idA, asB).build();
                SessionConfig b = CollisionFixture.config(asB, idB, asA).build();
                // A's outgoing #1 is B's incoming #1 and the other way round; each side met them in either order.
                boolean aOutFirst = random.nextBoolean();
                boolean bOutFirst = random.nextBoolean();
                Connection lostByA = aOutFirst
                        ? Collision.loser(a, CollisionFixture.open(asB, idB), Connection.outgoing(1), Connection.incoming(1))
                        : Collision.loser(a, CollisionFixture.open(asB, idB), Connection.incoming(1), Connection.outgoing(1));
                Connection lostByB = bOutFirst
                        ? Collision.loser(b, CollisionFixture.open(asA, idA), Connection.outgoing(1), Connection.incoming(1))
                        : Collision.loser(b, CollisionFixture.open(asA, idA), Connection.incoming(1), Connection.outgoing(1));
                String context = "seed " + seed + " pair " + i + ": A " + Integer.toUnsignedString(idA) + "/AS" + asA
                        + ", B " + Integer.toUnsignedString(idB) + "/AS" + asB;
                assertEquals(mirror(lostByA), lostByB, context);
                // And the survivor is the one opened by the higher of the two.
                boolean aHigher = Integer.toUnsignedLong(idA) > Integer.toUnsignedLong(idB)
                        || idA == idB && asA > asB;
                assertEquals(aHigher ? Connection.Direction.INCOMING : Connection.Direction.OUTGOING,
                        lostByA.direction(), context);
            }
        }
    }

    private static Connection mirror(Connection c) {
        return c.direction() == Connection.Direction.OUTGOING ? Connection.incoming(c.number()) : Connection.outgoing(c.number());
    }

    private static int identifier(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0x8000_0000 | random.nextInt(1 << 16); // high bit set
            case 1 -> 0xFFFF_FFFF - random.nextInt(4);
            default -> 1 + random.nextInt(Integer.MAX_VALUE);
        };
    }

    private static long as(SplittableRandom random) {
        long as = random.nextBoolean() ? 1 + random.nextInt(65_534) : 65_536 + random.nextLong(0xFFFF_FFFFL - 65_536);
        return as == Open.AS_TRANS ? as + 1 : as;
    }
}
