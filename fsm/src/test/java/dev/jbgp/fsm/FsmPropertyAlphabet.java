package dev.jbgp.fsm;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.time.Duration;
import java.util.List;

/**
 * The material the property and exploration tests draw from: the session configurations they
 * run, the peer's OPENs (accepted and refused ones), and the messages a peer sends.
 */
final class FsmPropertyAlphabet {
    private FsmPropertyAlphabet() {
    }

    static final long LOCAL_AS = 64512;
    /** 10.0.0.2: between the peer identifiers below, so collisions go both ways. */
    static final int LOCAL_ID = 0x0A00_0002;
    static final int LOWER_ID = 0x0A00_0001;
    static final int HIGHER_ID = 0x0A00_0003;
    static final long EXTERNAL_AS = 64513;
    static final long WRONG_AS = 65001;

    static final List<Capability> PEER_CAPABILITIES =
            List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST), new RouteRefreshSupport());

    /** One session configuration to run, with a name for failure messages. */
    record Setup(String name, SessionConfig config) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static SessionConfig.Builder internal() {
        return SessionConfig.builder(LOCAL_AS, LOCAL_ID, LOCAL_AS);
    }

    private static SessionConfig.Builder external() {
        return SessionConfig.builder(LOCAL_AS, LOCAL_ID, EXTERNAL_AS);
    }

    /** The configurations every property runs under. */
    static List<Setup> setups() {
        return List.of(
                new Setup("active iBGP, damped", internal().build()),
                new Setup("passive", internal().passive(true).build()),
                new Setup("delayOpen", internal().delayOpen(true).build()),
                new Setup("delayOpen, no NOTIFICATION without OPEN, passive",
                        internal().delayOpen(true).sendNotificationWithoutOpen(false).passive(true).build()),
                new Setup("damping off", internal().dampPeerOscillations(false).build()),
                new Setup("hold time 0", internal().holdTime(0).build()),
                new Setup("eBGP, collisionDetectEstablishedState", external().collisionDetectEstablishedState(true)
                        .holdTime(9).build()),
                new Setup("short back-off, keepalive 1 s, route refresh required",
                        external().idleHoldTime(Duration.ofSeconds(1)).maxIdleHoldTime(Duration.ofSeconds(5))
                                .keepaliveTime(1).holdTime(30)
                                .requiredCapabilities(List.of(new RouteRefreshSupport())).build()));
    }

    /** An OPEN from the configured peer with the given identifier and hold time. */
    static Open peerOpen(SessionConfig config, int peerId, int holdTime) {
        return Open.of(config.peerAs(), holdTime, peerId, PEER_CAPABILITIES);
    }

    /** OPENs that {@link Negotiation#check} accepts under every setup above. */
    static List<Open> validOpens(SessionConfig config) {
        return List.of(
                peerOpen(config, LOWER_ID, 90),
                peerOpen(config, HIGHER_ID, 240),
                peerOpen(config, HIGHER_ID, 3),
                peerOpen(config, LOWER_ID, 0));
    }

    /**
     * OPENs with a wrong AS, a hold time of 1 or 2, identifier 0, and one with our own identifier
     * and no route refresh: refused by iBGP (RFC 6286 section 2.2) and where route refresh is
     * required, accepted by an eBGP session that requires nothing.
     */
    static List<Open> faultyOpens(SessionConfig config) {
        return List.of(
                Open.of(WRONG_AS, 90, HIGHER_ID, PEER_CAPABILITIES),
                peerOpen(config, HIGHER_ID, 1),
                peerOpen(config, HIGHER_ID, 2),
                peerOpen(config, 0, 90),
                Open.of(config.peerAs(), 90, LOCAL_ID, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST))));
    }

    static final Update UPDATE = Update.endOfRib(AfiSafi.IPV4_UNICAST);
    static final RouteRefresh ROUTE_REFRESH = RouteRefresh.request(AfiSafi.IPV4_UNICAST);
    static final Notification CEASE = Notification.of(NotificationError.Cease.ADMINISTRATIVE_RESET);
    static final Notification VERSION_ERROR = Notification.of(NotificationError.Open.UNSUPPORTED_VERSION_NUMBER);
    static final Notification HEADER_ERROR = Notification.of(NotificationError.Header.BAD_MESSAGE_LENGTH);
    static final Notification OPEN_ERROR = Notification.of(NotificationError.Open.UNSUPPORTED_OPTIONAL_PARAMETER);
    static final Notification UPDATE_ERROR = Notification.of(NotificationError.Update.MALFORMED_ATTRIBUTE_LIST);

    /** Every event a peer's messages, or the failure of the connection, can produce on {@code c}. */
    static List<Event> fromPeer(Connection c, List<Open> opens) {
        var out = new java.util.ArrayList<Event>();
        for (Open o : opens) {
            out.add(new Event.BgpOpen(c, o));
        }
        out.add(new Event.KeepAliveMsg(c));
        out.add(new Event.UpdateMsg(c, UPDATE));
        out.add(new Event.RouteRefreshMsg(c, ROUTE_REFRESH));
        out.add(new Event.NotifMsg(c, CEASE));
        out.add(new Event.NotifMsgVerErr(c, VERSION_ERROR));
        out.add(new Event.BgpHeaderErr(c, HEADER_ERROR));
        out.add(new Event.BgpOpenMsgErr(c, OPEN_ERROR));
        out.add(new Event.UpdateMsgErr(c, UPDATE_ERROR));
        out.add(new Event.OpenCollisionDump(c));
        out.add(new Event.TcpConnectionFails(c, "Connection reset by peer"));
        return out;
    }

    /** The events that concern no connection: starts, stops and every timer's expiry. */
    static List<Event> sessionEvents() {
        var out = new java.util.ArrayList<Event>(List.of(
                new Event.ManualStart(), new Event.AutomaticStart(), new Event.ManualStop("maintenance"),
                new Event.AutomaticStop(NotificationError.Cease.MAXIMUM_NUMBER_OF_PREFIXES_REACHED)));
        for (Timer t : Timer.values()) {
            out.add(t.expiry());
        }
        return out;
    }
}
