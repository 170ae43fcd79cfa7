package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.message.Notification;
import org.junit.jupiter.api.Test;

class MalformationTest {
    @Test
    void notificationDataIsCutToFitAFourKilobyteMessage() {
        // The data of 3/x errors is the whole offending attribute, which under extended messages
        // (RFC 8654) can be longer than a 4096-octet NOTIFICATION can carry; section 4 asks
        // that the payload fit.
        Malformation m = new Malformation(ErrorAction.SESSION_RESET, 3, 9, new byte[5000], "too long");
        Notification n = m.notification();
        assertEquals(4096 - 21, n.dataLength());
        assertEquals(4096, MessageEncoder.toBytes(n, CodecContext.DEFAULT).length);
    }

    @Test
    void shortDataIsKeptWhole() {
        Malformation m = new Malformation(ErrorAction.SESSION_RESET, 1, 2, new byte[] {0, 18}, "short");
        assertEquals(2, m.notification().dataLength());
    }
}
