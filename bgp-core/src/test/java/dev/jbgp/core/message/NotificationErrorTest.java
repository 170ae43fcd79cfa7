package dev.jbgp.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NotificationErrorTest {
    @Test
    void sendHoldTimerExpiredIsNamed() {
        // RFC 9687 section 5: error code 8, no subcode.
        assertEquals(NotificationError.SendHoldTimer.EXPIRED, NotificationError.of(8, 0));
        assertEquals("Send Hold Timer Expired / Send Hold Timer Expired", new Notification(8, 0, null).describe());
    }

    @Test
    void everyCeaseSubcodeOfRfc4486AndRfc8538IsNamed() {
        for (int subcode = 1; subcode <= 10; subcode++) {
            assertEquals(subcode, NotificationError.of(NotificationError.CEASE, subcode).subcode());
        }
    }

    @Test
    void undefinedPairsAreNotNamed() {
        assertNull(NotificationError.of(9, 0));
        assertEquals("code 9 / subcode 1", new Notification(9, 1, null).describe());
    }
}
