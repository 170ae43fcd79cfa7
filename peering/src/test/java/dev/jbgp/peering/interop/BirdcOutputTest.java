package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading birdc's output; the texts are BIRD 2.0.12's, captured in the lab. */
class BirdcOutputTest {

    private static final String SHOW_PROTOCOLS = """
            BIRD 2.0.12 ready.
            Name       Proto      Table      State  Since         Info
            device1    Device     ---        up     09:44:23.343 \s
            originated4 Static     master4    up     09:44:23.343 \s
            gobgp      BGP        ---        up     09:44:24.164  Established  \s
            wrong      BGP        ---        start  09:44:24.298  Active        Socket: Connection refused
            """;

    private static final String SHOW_ROUTE_ALL = """
            BIRD 2.0.12 ready.
            Table master4:
            198.19.0.0/20        unicast [direct1 09:44:23.344] * (240)
            \tdev eth0
            \tType: device univ
            198.19.21.0/26       blackhole [originated4 09:44:23.343] * (200)
            \tType: static univ
            198.19.20.0/24       unicast [gobgp 09:44:25.368] * (100) [AS64513?]
            \tvia 198.19.0.2 on eth0
            \tType: BGP univ
            \tBGP.origin: Incomplete
            \tBGP.as_path: 64513
            \tBGP.next_hop: 198.19.0.2
            \tBGP.local_pref: 100
            \tBGP.community: (64513,100)
                                 unicast [gobgp2 09:44:25.386] (100) [AS64600?]
            \tvia 198.19.0.3 on eth0
            \tType: BGP univ
            \tBGP.origin: Incomplete
            \tBGP.as_path: 64514 64600
            \tBGP.next_hop: 198.19.0.3
            \tBGP.local_pref: 100

            Table master6:
            fd00:198:20::/64     unicast [gobgp6 09:27:42.937] * (100) [?]
            \tvia fd00:198:19::2 on eth0
            \tType: BGP univ
            \tBGP.origin: Incomplete
            \tBGP.as_path:\s
            \tBGP.next_hop: fd00:198:19::2
            \tBGP.local_pref: 100
            """;

    @Test
    void showProtocolsGivesEachProtocolWithItsStateAndInfo() {
        List<BirdcOutput.Protocol> protocols = BirdcOutput.protocols(SHOW_PROTOCOLS);

        assertEquals(List.of("device1", "originated4", "gobgp", "wrong"),
                protocols.stream().map(BirdcOutput.Protocol::name).toList());
        assertEquals(new BirdcOutput.Protocol("gobgp", "BGP", "---", "up", "09:44:24.164", "Established"),
                protocols.get(2));
        assertTrue(protocols.get(2).established());
        assertEquals("Active        Socket: Connection refused", protocols.get(3).info());
        assertFalse(protocols.get(3).established());
        assertEquals("", protocols.get(0).info());
    }

    @Test
    void showRouteAllGivesEveryRouteWithItsTableNextHopsAndAttributes() {
        List<BirdcOutput.Route> routes = BirdcOutput.routes(SHOW_ROUTE_ALL);

        assertEquals(5, routes.size());
        BirdcOutput.Route best = routes.get(2);
        assertEquals("master4", best.table());
        assertEquals("198.19.20.0/24", best.prefix());
        assertEquals("gobgp", best.protocol());
        assertTrue(best.primary());
        assertEquals(100, best.preference());
        assertEquals(List.of("198.19.0.2"), best.nextHops());
        assertEquals(List.of("eth0"), best.devices());
        assertEquals("(64513,100)", best.attributes().get("BGP.community"));
        assertEquals(List.of(64513L), best.asPath());
    }

    @Test
    void aSecondRouteForThePrefixKeepsThePrefixAndIsNotPrimary() {
        BirdcOutput.Route second = BirdcOutput.routes(SHOW_ROUTE_ALL).get(3);

        assertEquals("198.19.20.0/24", second.prefix());
        assertEquals("gobgp2", second.protocol());
        assertFalse(second.primary());
        assertEquals(List.of("198.19.0.3"), second.nextHops());
        assertEquals(List.of(64514L, 64600L), second.asPath());
    }

    @Test
    void blackholesDeviceRoutesAndIpv6RoutesAreRead() {
        List<BirdcOutput.Route> routes = BirdcOutput.routes(SHOW_ROUTE_ALL);

        assertEquals("blackhole", routes.get(1).type());
        assertEquals(List.of(), routes.get(1).nextHops());
        assertEquals(List.of("eth0"), routes.get(0).devices());
        assertEquals(Map.of("Type", "device univ"), routes.get(0).attributes());
        BirdcOutput.Route v6 = routes.get(4);
        assertEquals("master6", v6.table());
        assertEquals(List.of("fd00:198:19::2"), v6.nextHops());
        assertEquals(List.of(), v6.asPath());
    }

    @Test
    void aLineThatIsNotBirdsIsRefusedRatherThanSkipped() {
        assertThrows(IllegalArgumentException.class,
                () -> BirdcOutput.routes("BIRD 2.0.12 ready.\nTable master4:\nsyntax error, unexpected CF_SYM_UNDEFINED\n"));
    }
}
