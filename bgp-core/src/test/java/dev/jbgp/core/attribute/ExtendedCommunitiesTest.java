package dev.jbgp.core.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExtendedCommunitiesTest {
    @Test
    void twoOctetAsRouteTargetIsNamed() {
        assertEquals("rt:64512:1", ExtendedCommunities.name(ExtendedCommunities.routeTarget(64512, 1)));
    }

    @Test
    void ipv4AddressRouteOriginIsNamedAsBirdSentIt() {
        // From captures/bird-update-ipv4-addpath-communities.hex: (ro, 198.19.0.1, 9).
        assertEquals("ro:198.19.0.1:9", ExtendedCommunities.name(0x0103_C613_0001_0009L));
    }

    @Test
    void fourOctetAsRouteTargetIsNamed() {
        // From the same capture: (rt, 4200000001, 7), type 0x02 sub-type 0x02.
        assertEquals("rt:4200000001:7", ExtendedCommunities.name(0x0202_FA56_EA01_0007L));
    }

    @Test
    void otherKindsPrintAsHex() {
        assertEquals("0x0300000000000000", ExtendedCommunities.name(0x0300_0000_0000_0000L));
    }
}
