package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.ROUTE_REFRESH;
import static dev.jbgp.core.codec.WireBytes.message;
import static dev.jbgp.core.codec.WireBytes.octets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.message.RouteRefresh;
import org.junit.jupiter.api.Test;

/** RFC 7313 section 5: a ROUTE-REFRESH whose length is wrong is answered with code 7. */
class RouteRefreshErrorTest {

    @Test
    void borrOfTwentyFourOctetsIsInvalidMessageLengthWithTheWholeMessage() {
        // RFC 7313 section 5: BoRR (subtype 1) of body length 5, not 4 -> 7/1, and "the Data
        // field of the NOTIFICATION message MUST contain the complete ROUTE-REFRESH message".
        byte[] borr = message(ROUTE_REFRESH, octets(0, 1, 1, 1, 0));
        assertEquals(24, borr.length);
        assertReset(decode(borr), 7, 1, borr);
    }

    @Test
    void shortRouteRefreshIsInvalidMessageLengthWithTheWholeMessage() {
        // A 22-octet EoRR: the family is cut off.
        byte[] eorr = message(ROUTE_REFRESH, octets(0, 2, 2));
        assertReset(decode(eorr), 7, 1, eorr);
    }

    @Test
    void routeRefreshOfTwentyThreeOctetsDecodes() {
        // RFC 2918 section 3: AFI 2 octets, Reserved (RFC 7313: Message Subtype) 1, SAFI 1.
        byte[] eorr = message(ROUTE_REFRESH, octets(0, 2, 2, 1));
        assertEquals(new RouteRefresh(AfiSafi.IPV6_UNICAST, RouteRefresh.END_OF_ROUTE_REFRESH),
                assertClean(decode(eorr), RouteRefresh.class));
    }

    @Test
    void normalRequestWithOrfEntriesDecodesAndIgnoresThem() {
        // RFC 7313 section 5 names only BoRR and EoRR; a subtype 0 request may carry ORF entries
        // (RFC 5291), which jbgp never negotiates and ignores.
        byte[] request = message(ROUTE_REFRESH, octets(0, 1, 0, 1, 1, 0, 0, 0));
        assertEquals(RouteRefresh.request(AfiSafi.IPV4_UNICAST), assertClean(decode(request), RouteRefresh.class));
    }

    @Test
    void normalRequestTooShortForItsFieldsIsBadMessageLength() {
        // RFC 4271 section 6.1: a message whose length cannot hold its fixed fields -> 1/2, data
        // the Length field.
        byte[] request = message(ROUTE_REFRESH, octets(0, 1, 0));
        assertReset(decode(request), 1, 2, octets(0, 22));
    }
}
