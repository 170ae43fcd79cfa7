package dev.jbgp.fsm;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.message.Open;
import java.time.Duration;
import java.util.List;

/**
 * Who we are to one peer and the session attributes of RFC 4271 section 8.1.1 that operators
 * set. Defaults are those of Calico's BIRD: hold time 240 s, connect retry 5 s, an error wait
 * that backs off from 5 s to 30 s and is forgotten after 300 s up.
 *
 * @param localAs our AS number
 * @param localId our BGP Identifier
 * @param peerAs the AS the peer must announce (RFC 4271 section 6.2, Bad Peer AS)
 * @param capabilities what our OPEN offers; the 4-octet AS capability is always added
 * @param requiredCapabilities capabilities the peer must offer too, else NOTIFICATION 2/7
 *     (RFC 5492 section 5); a Multiprotocol capability is matched with its family
 * @param holdTime seconds, 0 or at least 3: what our OPEN proposes
 * @param keepaliveTime seconds; 0 means a third of the negotiated hold time, and any value is
 *     capped at that third
 * @param connectRetryTime the ConnectRetryTimer's initial value (jittered, section 10)
 * @param openHoldTime the "large value" the HoldTimer runs with while waiting for the peer's
 *     OPEN (section 8.2.2 suggests 4 minutes)
 * @param passive PassiveTcpEstablishment: wait for the peer to connect. As BIRD, GoBGP and
 *     FRR mean it, a passive session never connects; RFC 4271's attribute only waits first
 * @param delayOpen DelayOpen: after the connection comes up, wait {@code delayOpenTime} for
 *     the peer's OPEN before sending ours
 * @param dampPeerOscillations DampPeerOscillations: each error doubles the time spent in Idle
 *     before restarting, up to {@code maxIdleHoldTime}; {@code stablePeriod} Established resets it
 * @param idleHoldTime the time in Idle after an error before a started session restarts
 * @param collisionDetectEstablishedState CollisionDetectEstablishedState: a second connection
 *     may replace an Established one when collision detection says so (section 6.8)
 * @param sendNotificationWithoutOpen SendNOTIFICATIONwithoutOPEN: report errors found before
 *     our OPEN was sent (while delaying it)
 */
public record SessionConfig(
        long localAs,
        int localId,
        long peerAs,
        List<Capability> capabilities,
        List<Capability> requiredCapabilities,
        int holdTime,
        int keepaliveTime,
        Duration connectRetryTime,
        Duration openHoldTime,
        boolean passive,
        boolean delayOpen,
        Duration delayOpenTime,
        boolean dampPeerOscillations,
        Duration idleHoldTime,
        Duration maxIdleHoldTime,
        Duration stablePeriod,
        boolean collisionDetectEstablishedState,
        boolean sendNotificationWithoutOpen) {

    public SessionConfig {
        checkAs("local AS", localAs);
        checkAs("peer AS", peerAs);
        if (localId == 0) {
            throw new IllegalArgumentException("the BGP Identifier must not be 0.0.0.0 (RFC 6286)");
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 0xFFFF)) {
            throw new IllegalArgumentException("hold time must be 0 or 3 to 65535 seconds: " + holdTime);
        }
        if (keepaliveTime < 0 || keepaliveTime > 0xFFFF) {
            throw new IllegalArgumentException("keepalive time must be 0 to 65535 seconds: " + keepaliveTime);
        }
        checkDuration("connect retry time", connectRetryTime, false);
        checkDuration("OPEN hold time", openHoldTime, false);
        checkDuration("delay open time", delayOpenTime, true);
        checkDuration("idle hold time", idleHoldTime, true);
        checkDuration("maximum idle hold time", maxIdleHoldTime, true);
        checkDuration("stable period", stablePeriod, false);
        if (maxIdleHoldTime.compareTo(idleHoldTime) < 0) {
            throw new IllegalArgumentException("maximum idle hold time " + maxIdleHoldTime
                    + " is below the idle hold time " + idleHoldTime);
        }
        capabilities = List.copyOf(capabilities);
        requiredCapabilities = List.copyOf(requiredCapabilities);
        for (Capability c : capabilities) {
            if (c instanceof FourOctetAs f && f.asNumber() != localAs) {
                throw new IllegalArgumentException("the 4-octet AS capability says " + f.asNumber()
                        + " but the local AS is " + localAs);
            }
        }
    }

    private static void checkAs(String what, long as) {
        if (as < 1 || as > 0xFFFF_FFFFL || as == Open.AS_TRANS) {
            throw new IllegalArgumentException(what + " must be 1 to 4294967295 and not AS_TRANS: " + as);
        }
    }

    private static void checkDuration(String what, Duration d, boolean zeroAllowed) {
        if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "0 or more" : "positive") + ": " + d);
        }
    }

    /** The OPEN we send on every connection of this session. */
    public Open open() {
        return Open.of(localAs, holdTime, localId, capabilities);
    }

    /** An iBGP session: the peer is in our AS. */
    public boolean internal() {
        return localAs == peerAs;
    }

    public static Builder builder(long localAs, int localId, long peerAs) {
        return new Builder(localAs, localId, peerAs);
    }

    public Builder toBuilder() {
        Builder b = new Builder(localAs, localId, peerAs);
        b.capabilities = capabilities;
        b.requiredCapabilities = requiredCapabilities;
        b.holdTime = holdTime;
        b.keepaliveTime = keepaliveTime;
        b.connectRetryTime = connectRetryTime;
        b.openHoldTime = openHoldTime;
        b.passive = passive;
        b.delayOpen = delayOpen;
        b.delayOpenTime = delayOpenTime;
        b.dampPeerOscillations = dampPeerOscillations;
        b.idleHoldTime = idleHoldTime;
        b.maxIdleHoldTime = maxIdleHoldTime;
        b.stablePeriod = stablePeriod;
        b.collisionDetectEstablishedState = collisionDetectEstablishedState;
        b.sendNotificationWithoutOpen = sendNotificationWithoutOpen;
        return b;
    }

    /** Starts from Calico's BIRD defaults; every setter returns the builder. */
    public static final class Builder {
        private final long localAs;
        private final int localId;
        private final long peerAs;
        private List<Capability> capabilities = List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST), new RouteRefreshSupport());
        private List<Capability> requiredCapabilities = List.of();
        private int holdTime = 240;
        private int keepaliveTime = 0;
        private Duration connectRetryTime = Duration.ofSeconds(5);
        private Duration openHoldTime = Duration.ofMinutes(4);
        private boolean passive;
        private boolean delayOpen;
        private Duration delayOpenTime = Duration.ofSeconds(5);
        private boolean dampPeerOscillations = true;
        private Duration idleHoldTime = Duration.ofSeconds(5);
        private Duration maxIdleHoldTime = Duration.ofSeconds(30);
        private Duration stablePeriod = Duration.ofSeconds(300);
        private boolean collisionDetectEstablishedState;
        private boolean sendNotificationWithoutOpen = true;

        private Builder(long localAs, int localId, long peerAs) {
            this.localAs = localAs;
            this.localId = localId;
            this.peerAs = peerAs;
        }

        public Builder capabilities(List<Capability> value) { capabilities = value; return this; }
        public Builder requiredCapabilities(List<Capability> value) { requiredCapabilities = value; return this; }
        public Builder holdTime(int seconds) { holdTime = seconds; return this; }
        public Builder keepaliveTime(int seconds) { keepaliveTime = seconds; return this; }
        public Builder connectRetryTime(Duration value) { connectRetryTime = value; return this; }
        public Builder openHoldTime(Duration value) { openHoldTime = value; return this; }
        public Builder passive(boolean value) { passive = value; return this; }
        public Builder delayOpen(boolean value) { delayOpen = value; return this; }
        public Builder delayOpenTime(Duration value) { delayOpenTime = value; return this; }
        public Builder dampPeerOscillations(boolean value) { dampPeerOscillations = value; return this; }
        public Builder idleHoldTime(Duration value) { idleHoldTime = value; return this; }
        public Builder maxIdleHoldTime(Duration value) { maxIdleHoldTime = value; return this; }
        public Builder stablePeriod(Duration value) { stablePeriod = value; return this; }
        public Builder collisionDetectEstablishedState(boolean value) { collisionDetectEstablishedState = value; return this; }
        public Builder sendNotificationWithoutOpen(boolean value) { sendNotificationWithoutOpen = value; return this; }

        public SessionConfig build() {
            return new SessionConfig(localAs, localId, peerAs, capabilities, requiredCapabilities, holdTime,
                    keepaliveTime, connectRetryTime, openHoldTime, passive, delayOpen, delayOpenTime,
                    dampPeerOscillations, idleHoldTime, maxIdleHoldTime, stablePeriod,
                    collisionDetectEstablishedState, sendNotificationWithoutOpen);
        }
    }
}
