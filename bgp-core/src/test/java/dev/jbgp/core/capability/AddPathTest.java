package dev.jbgp.core.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddPathTest {
    @ParameterizedTest(name = "Send/Receive {0}: receives {1}, sends {2}")
    @CsvSource({"1, true, false", "2, false, true", "3, true, true", "0, false, false", "5, false, false",
            "7, false, false", "255, false, false"})
    void onlyTheValuesOneToThreeMeanAnything(int value, boolean receives, boolean sends) {
        // RFC 7911 section 4: another value SHOULD be treated as if the family were not listed;
        // reading 5 as "receive" would make path identifiers of ordinary prefixes.
        AddPath.Family f = new AddPath.Family(AfiSafi.IPV4_UNICAST, value);
        assertEquals(receives, f.receives());
        assertEquals(sends, f.sends());
    }
}
