package dev.jbgp.fsm;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.time.Duration;

/**
 * The outputs of the FSM, for the driver to carry out in the order given: a NOTIFICATION is
 * listed before the {@link Close} of its connection, so it is written before the FIN.
 */
public sealed interface Action {

    /** Open a TCP connection to the peer, known as {@code connection} from now on. */
    record Connect(Connection connection) implements Action {
    }

    /**
     * Drop the connection: close it, or abandon the attempt if it is still opening. Reads on
     * it that are already queued are stale and the FSM ignores them.
     */
    record Close(Connection connection) implements Action {
    }

    record SendOpen(Connection connection, Open open) implements Action {
    }

    record SendKeepalive(Connection connection) implements Action {
    }

    record SendNotification(Connection connection, Notification notification) implements Action {
    }

    /** Start the timer, or restart it if it runs; it fires once, after {@code duration}. */
    record StartTimer(Timer timer, Duration duration) implements Action {
    }

    record StopTimer(Timer timer) implements Action {
    }

    /** Process an UPDATE of the Established session (RFC 4271 section 9). */
    record DeliverUpdate(Update update) implements Action {
    }

    /** Answer a ROUTE-REFRESH of the Established session (RFC 2918, RFC 7313). */
    record DeliverRouteRefresh(RouteRefresh request) implements Action {
    }

    /**
     * The session reached Established on {@code connection}: set up the codec with what was
     * negotiated and start exchanging routes.
     */
    record SessionUp(Connection connection, Negotiated negotiated) implements Action {
    }

    /** The Established session ended: delete every route learned from it (section 8.2.2). */
    record SessionDown(Reason reason) implements Action {
    }

    /** RFC 4271's "releases all BGP resources": the session is back in Idle. */
    record ReleaseResources() implements Action {
    }
}
