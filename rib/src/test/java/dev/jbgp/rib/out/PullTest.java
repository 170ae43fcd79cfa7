package dev.jbgp.rib.out;

import static dev.jbgp.rib.out.Lab.BOTH;
import static dev.jbgp.rib.out.Lab.HOST1;
import static dev.jbgp.rib.out.Lab.IPV4;
import static dev.jbgp.rib.out.Lab.NODE1_ADDRESSES;
import static dev.jbgp.rib.out.Lab.NODE2;
import static dev.jbgp.rib.out.Lab.ROUTER2;
import static dev.jbgp.rib.out.Lab.announce;
import static dev.jbgp.rib.out.Lab.announce6;
import static dev.jbgp.rib.out.Lab.fromExternal;
import static dev.jbgp.rib.out.Lab.prefix;
import static dev.jbgp.rib.out.Lab.slash24s;
import static dev.jbgp.rib.out.Lab.slash48s;
import static dev.jbgp.rib.out.Lab.withdraw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Rib;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Loc-RIB change only marks a prefix pending; what the peer is told is worked out when its
 * session pulls, from the best path at that moment.
 */
class PullTest {
    private static final Prefix BLOCK = prefix("198.19.21.0/26");
    private static final Prefix OTHER = prefix("198.19.21.64/26");

    private final Rib rib = Lab.rib();
    private final PeerSide peer = new PeerSide();

    private AdjRibOut upToDate(AdjRibOut out) {
        peer.receive(out.pull(Integer.MAX_VALUE));
        return out;
    }

    @Test
    void aPrefixThatFlapsWhileThePeerDoesNotPullIsSentOnceInItsLatestForm() {
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        for (int i = 1; i <= 100; i++) {
            announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(i)), BLOCK);
            if (i % 3 == 0) {
                withdraw(rib, HOST1, BLOCK);
            }
        }

        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        assertEquals(1, sent.size());
        assertEquals(1, peer.announcementsOf(BLOCK));
        assertEquals(new MultiExitDisc(100), peer.routes.get(BLOCK).med());
        assertEquals(0, peer.withdrawalsOf(BLOCK));
    }

    @Test
    void aPrefixAnnouncedAndWithdrawnBeforeThePeerPullsIsNotSentAtAll() {
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        for (int i = 0; i < 10; i++) {
            announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(i)), BLOCK);
            withdraw(rib, HOST1, BLOCK);
        }

        assertEquals(List.of(), out.pull(Integer.MAX_VALUE));
        assertFalse(out.hasPending());
    }

    @Test
    void aSentPrefixThatFlapsAndEndsWithdrawnIsWithdrawnOnce() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        for (int i = 0; i < 10; i++) {
            withdraw(rib, HOST1, BLOCK);
            announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(i)), BLOCK);
        }
        withdraw(rib, HOST1, BLOCK);

        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        assertEquals(1, sent.size());
        assertEquals(1, peer.withdrawalsOf(BLOCK));
        assertEquals(1, peer.announcementsOf(BLOCK), "the first announcement only");
        assertEquals(0, out.advertisedCount());
    }

    @Test
    void aWithdrawalIsOwedEvenWhenTheDestinationIdentifierPassesToAnotherPrefix() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        int id = rib.destination(BLOCK).id();
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));

        withdraw(rib, HOST1, BLOCK);
        announce(rib, HOST1, fromExternal(HOST1), OTHER);
        assertEquals(id, rib.destination(OTHER).id(), "the identifier was reused");
        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        assertEquals(1, peer.withdrawalsOf(BLOCK));
        assertEquals(1, peer.announcementsOf(OTHER));
        assertEquals(List.of(OTHER), List.copyOf(peer.routes.keySet()));
        assertEquals(1, out.advertisedCount());
    }

    @Test
    void aPrefixWhoseDestinationIdentifierWasReusedBeforeItWasSentIsNotWithdrawn() {
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        withdraw(rib, HOST1, BLOCK);
        announce(rib, HOST1, fromExternal(HOST1), OTHER);

        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        assertEquals(1, sent.size());
        assertEquals(0, peer.withdrawalsOf(BLOCK));
        assertEquals(1, peer.announcementsOf(OTHER));
    }

    @Test
    void aPrefixThatChangesAfterItsPullBeganGoesOutOnceInItsLatestForm() {
        // 2000 prefixes of one set take two UPDATEs; the first pull works out both and takes one.
        List<Prefix> many = slash24s("10.0.0.0", 2000);
        announce(rib, HOST1, fromExternal(HOST1), many);
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL, CodecContext.DEFAULT, IPV4);
        peer.receive(out.pull(1));
        Prefix late = many.getLast();
        assertFalse(peer.routes.containsKey(late));

        PathAttributes changed = fromExternal(HOST1, Communities.of(Communities.community(65000, 7)));
        announce(rib, HOST1, changed, late);
        peer.receive(out.pull(Integer.MAX_VALUE));

        assertEquals(1, peer.announcementsOf(late));
        assertEquals(changed.with(new LocalPref(100)), peer.routes.get(late));
        assertEquals(2000, peer.routes.size());
        assertEquals(List.of(AfiSafi.IPV4_UNICAST), peer.endOfRib);
    }

    @Test
    void nothingIsWorkedOutUntilThePeerPulls() {
        int[] calls = {0};
        ExportFilter counting = route -> {
            calls[0]++;
            return route.attributes();
        };
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, counting, CodecContext.DEFAULT, IPV4);
        peer.receive(out.pull(10));
        for (int i = 0; i < 50; i++) {
            announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(i)), slash24s("10.0.0.0", 100));
        }
        assertEquals(0, calls[0]);
        assertTrue(out.hasPending());

        peer.receive(out.pull(Integer.MAX_VALUE));

        assertEquals(100, calls[0], "once per prefix, for its latest best path");
        assertEquals(100, peer.routes.size());
    }

    @Test
    void endOfRibFollowsTheInitialTableOnceForEachFamily() {
        announce(rib, HOST1, fromExternal(HOST1), slash24s("10.0.0.0", 3000));
        announce6(rib, HOST1, fromExternal(HOST1), "fd00:198:19::fe", slash48s(1000));
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);

        for (int i = 0; i < 100 && out.hasPending(); i++) {
            peer.receive(out.pull(1));
        }
        assertEquals(List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), peer.endOfRib);
        assertEquals(List.of(4000, 4000), peer.routesAtEndOfRib, "the whole table came before End-of-RIB");

        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        withdraw(rib, HOST1, slash24s("10.0.0.0", 1).getFirst());
        peer.receive(out.pull(Integer.MAX_VALUE));

        assertEquals(2, peer.endOfRib.size(), "no End-of-RIB after later changes");
    }

    @Test
    void anEmptyTableIsFollowedByEndOfRibAtOnce() {
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);
        assertTrue(out.hasPending());

        List<Update> sent = out.pull(10);

        assertEquals(List.of(Update.endOfRib(AfiSafi.IPV4_UNICAST), Update.endOfRib(AfiSafi.IPV6_UNICAST)), sent);
        assertFalse(out.hasPending());
    }

    @Test
    void aSessionThatComesBackUpIsSentTheWholeTableAgain() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        assertEquals(1, out.advertisedCount());

        out.reset();
        announce(rib, HOST1, fromExternal(HOST1), OTHER);
        assertFalse(out.hasPending(), "a session that is down is not sent anything");
        assertEquals(List.of(), out.pull(10));
        assertEquals(0, out.advertisedCount());

        PeerSide again = new PeerSide();
        out.start(CodecContext.DEFAULT, BOTH);
        again.receive(out.pull(Integer.MAX_VALUE));

        assertEquals(2, again.routes.size());
        assertEquals(List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), again.endOfRib);
        assertEquals(2, out.advertisedCount());
    }

    @Test
    void startingASessionThatIsUpIsAMistake() {
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);
        assertThrows(IllegalStateException.class, () -> out.start(CodecContext.DEFAULT, BOTH));
        out.reset();
        assertThrows(IllegalArgumentException.class, () -> out.start(CodecContext.DEFAULT,
                Set.of(new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST))));
    }

    @Test
    void prefixesOfAFamilyTheSessionDoesNotCarryAreNotSent() {
        announce6(rib, HOST1, fromExternal(HOST1), "fd00:198:19::fe", slash48s(3));
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL, CodecContext.DEFAULT, IPV4);
        peer.receive(out.pull(Integer.MAX_VALUE));
        announce6(rib, HOST1, fromExternal(HOST1), "fd00:198:19::fe", slash48s(5));

        assertFalse(out.hasPending());
        assertEquals(List.of(BLOCK), List.copyOf(peer.routes.keySet()));
        assertEquals(List.of(AfiSafi.IPV4_UNICAST), peer.endOfRib);
    }

    @Test
    void theSessionIsWokenWhenThereIsSomethingToSendAndNotAgainUntilItPulls() {
        AdjRibOut out = new AdjRibOut(rib, NODE2, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL);
        rib.addListener(out);
        int[] wakeUps = {0};
        out.onPending(() -> wakeUps[0]++);

        out.start(CodecContext.DEFAULT, BOTH);
        assertEquals(1, wakeUps[0]);
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        assertEquals(1, wakeUps[0]);
        out.pull(Integer.MAX_VALUE);
        assertFalse(out.hasPending());

        announce(rib, HOST1, fromExternal(HOST1), OTHER);
        announce(rib, ROUTER2, fromExternal(ROUTER2), OTHER);
        assertEquals(2, wakeUps[0]);
    }

    @Test
    void aBestPathChangeThatLeavesThePeerWithNothingToBeSentIsAWithdrawal() {
        // To an iBGP peer: the eBGP path is sent; when an iBGP path wins, split horizon holds it back.
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        AdjRibOut out = upToDate(Lab.adjRibOut(rib, NODE2));
        assertEquals(1, out.advertisedCount());

        announce(rib, Lab.NODE3, Lab.fromInternal(Lab.NODE3, new LocalPref(300)), BLOCK);
        assertNotEquals(HOST1, rib.destination(BLOCK).best().peer());
        peer.receive(out.pull(Integer.MAX_VALUE));

        assertEquals(1, peer.withdrawalsOf(BLOCK));
        assertTrue(peer.routes.isEmpty());
        assertEquals(0, out.advertisedCount());
    }
}
