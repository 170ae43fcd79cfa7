package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.EBGP_PEER;
import static dev.jbgp.rib.policy.Routes.IBGP_PEER;
import static dev.jbgp.rib.policy.Routes.LOCAL;
import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.rib.Route;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceMatchTest {
    private final Route local = route("10.0.0.0/26", LOCAL);
    private final Route fromIbgp = route("10.0.0.0/26", IBGP_PEER);
    private final Route fromEbgp = route("10.0.0.0/26", EBGP_PEER);

    @Test
    void localMatchesOnlyRoutesThisSpeakerOriginates() {
        Match m = Match.local();
        assertAll(() -> assertTrue(m.matches(local)), () -> assertFalse(m.matches(fromIbgp)),
                () -> assertFalse(m.matches(fromEbgp)));
    }

    @Test
    void fromAnyPeerMatchesIbgpAndEbgpRoutesButNotLocalOnes() {
        Match m = Match.fromAnyPeer();
        assertAll(() -> assertFalse(m.matches(local)), () -> assertTrue(m.matches(fromIbgp)),
                () -> assertTrue(m.matches(fromEbgp)));
    }

    @Test
    void ibgpMatchesOnlyRoutesFromInternalPeers() {
        Match m = Match.ibgp();
        assertAll(() -> assertFalse(m.matches(local)), () -> assertTrue(m.matches(fromIbgp)),
                () -> assertFalse(m.matches(fromEbgp)));
    }

    @Test
    void ebgpMatchesOnlyRoutesFromExternalPeers() {
        Match m = Match.ebgp();
        assertAll(() -> assertFalse(m.matches(local)), () -> assertFalse(m.matches(fromIbgp)),
                () -> assertTrue(m.matches(fromEbgp)));
    }

    @Test
    void fromPeerMatchesRoutesFromThePeerAtThatAddressOnly() {
        Match m = Match.fromPeer(InetAddress.ofLiteral("192.0.2.11"));
        assertAll(() -> assertTrue(m.matches(fromIbgp)), () -> assertFalse(m.matches(fromEbgp)),
                () -> assertFalse(m.matches(local)));
    }

    @Test
    void fromPeerAtOurOwnAddressDoesNotMatchOurOwnRoutes() {
        // The local source carries the speaker's address, but no peer sent these routes.
        assertFalse(Match.fromPeer(LOCAL.address()).matches(local));
    }

    @Test
    void sourceMatchesPrintAsBirdLikeExpressions() {
        assertEquals("source = local", Match.local().toString());
        assertEquals("source = bgp", Match.fromAnyPeer().toString());
        assertEquals("source = ibgp", Match.ibgp().toString());
        assertEquals("source = ebgp", Match.ebgp().toString());
        assertEquals("from = 2001:db8::1", Match.fromPeer(InetAddress.ofLiteral("2001:db8::1")).toString());
        assertEquals("from = 192.0.2.11", Match.fromPeer(IBGP_PEER.address()).toString());
    }
}
