package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.IBGP_PEER;
import static dev.jbgp.rib.policy.Routes.LOCAL;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export filter a Calico node needs, built from the pieces the daemon will take from its
 * resources, in the order Calico's own BIRD template checks them: a pool with
 * disableBGPExport is never announced; the prefix advertisement of the enabled pool adds a
 * community; the node's affine blocks are announced exactly, with a large community naming
 * the node, and addresses borrowed out of them are left to the node that borrowed them;
 * anything else inside an enabled pool is announced; nothing else is.
 */
class CalicoExportFilterTest {
    private static final int POOL_COMMUNITY = Communities.community(64512, 100);
    private static final LargeCommunity NODE_COMMUNITY = new LargeCommunity(64512, 1, 3);

    static final Filter EXPORT = new Filter(List.of(
            Rule.of(Match.within(Prefix.parse("10.66.0.0/16")), Action.reject()),
            Rule.of(Match.within(Prefix.parse("10.65.0.0/16")), Action.addCommunity(POOL_COMMUNITY)),
            Rule.of(Match.any(Match.exact(Prefix.parse("10.65.3.0/26")), Match.exact(Prefix.parse("fd00:65::4000/122"))),
                    Action.addLargeCommunity(64512, 1, 3), Action.accept()),
            Rule.of(Match.any(Match.within(Prefix.parse("10.65.3.0/26")), Match.within(Prefix.parse("fd00:65::4000/122"))),
                    Action.reject()),
            Rule.of(Match.any(Match.within(Prefix.parse("10.65.0.0/16")), Match.within(Prefix.parse("fd00:65::/48"))),
                    Action.accept())),
            Filter.Otherwise.REJECT);

    private static Verdict export(String prefix, RibPeer source) {
        return EXPORT.evaluate(new Route(Prefix.parse(prefix), 0, PathAttributes.of(Origin.IGP), source));
    }

    @Test
    void theNodesOwnBlockIsAnnouncedWithThePoolAndNodeCommunities() {
        Verdict v = export("10.65.3.0/26", LOCAL);
        assertAll(() -> assertTrue(v.accepted()),
                () -> assertEquals(Communities.of(POOL_COMMUNITY), v.attributes().communities()),
                () -> assertEquals(LargeCommunities.of(NODE_COMMUNITY), v.attributes().largeCommunities()),
                () -> assertEquals(Origin.IGP, v.attributes().origin()));
    }

    @Test
    void theNodesOwnIpv6BlockIsAnnouncedWithTheNodeCommunityAlone() {
        // The pool community was advertised for the IPv4 pool only.
        Verdict v = export("fd00:65::4000/122", LOCAL);
        assertAll(() -> assertTrue(v.accepted()), () -> assertNull(v.attributes().communities()),
                () -> assertEquals(LargeCommunities.of(NODE_COMMUNITY), v.attributes().largeCommunities()));
    }

    @ParameterizedTest(name = "{0} is left to the node that borrowed it")
    @CsvSource({"10.65.3.5/32", "10.65.3.32/27", "fd00:65::4001/128"})
    void addressesBorrowedOutOfTheNodesBlockAreNotAnnounced(String prefix) {
        assertFalse(export(prefix, LOCAL).accepted());
    }

    @Test
    void anotherNodesBlockInsideAnEnabledPoolIsAnnouncedWithThePoolCommunityOnly() {
        Verdict v = export("10.65.9.0/26", IBGP_PEER);
        assertAll(() -> assertTrue(v.accepted()),
                () -> assertEquals(Communities.of(POOL_COMMUNITY), v.attributes().communities()),
                () -> assertNull(v.attributes().largeCommunities()));
    }

    @ParameterizedTest(name = "{0} is announced")
    @CsvSource({"10.65.0.0/16", "10.65.200.7/32", "fd00:65::/48", "fd00:65::4040/122", "fd00:65:0:1::/64"})
    void anythingElseInsideAnEnabledPoolIsAnnounced(String prefix) {
        assertTrue(export(prefix, IBGP_PEER).accepted());
    }

    @ParameterizedTest(name = "{0} is not announced")
    @CsvSource({"10.66.0.0/16", "10.66.1.0/26", "10.66.1.1/32"})
    void nothingInsideAPoolWithBgpExportDisabledIsAnnounced(String prefix) {
        assertFalse(export(prefix, LOCAL).accepted());
    }

    @ParameterizedTest(name = "{0} is not announced")
    @CsvSource({"0.0.0.0/0", "10.0.0.0/8", "10.64.0.0/15", "192.168.1.0/24", "::/0", "fd00:66::/64", "fd00::/16"})
    void routesOutsideEveryPoolAreNotAnnounced(String prefix) {
        assertFalse(export(prefix, IBGP_PEER).accepted());
    }

    @Test
    void theFilterReadsAsTheBirdFilterItStandsFor() {
        assertEquals("""
                if net ~ 10.66.0.0/16+ then { reject; }
                if net ~ 10.65.0.0/16+ then { bgp_community.add((64512,100)); }
                if net = 10.65.3.0/26 || net = fd00:65::4000/122 then { bgp_large_community.add((64512,1,3)); accept; }
                if net ~ 10.65.3.0/26+ || net ~ fd00:65::4000/122+ then { reject; }
                if net ~ 10.65.0.0/16+ || net ~ fd00:65::/48+ then { accept; }
                reject;""", EXPORT.toString());
    }
}
