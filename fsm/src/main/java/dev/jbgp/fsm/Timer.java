package dev.jbgp.fsm;

/**
 * The timers a session runs. The FSM starts and stops them with {@link Action.StartTimer} and
 * {@link Action.StopTimer}; the driver feeds {@link #expiry()} back when one fires. Each timer
 * runs at most once at a time: starting a running timer restarts it.
 */
public enum Timer {
    /** RFC 4271 section 8.1.3 event 9; jittered (section 10). */
    CONNECT_RETRY,
    /** RFC 4271 section 8.1.3 event 10. */
    HOLD,
    /** RFC 4271 section 8.1.3 event 11; jittered (section 10). */
    KEEPALIVE,
    /** RFC 4271 section 8.1.3 event 12. */
    DELAY_OPEN,
    /** RFC 4271 section 8.1.3 event 13: runs only in Idle, and restarts the session when it fires. */
    IDLE_HOLD,
    /**
     * The hold timer of a second connection that is tracked for collision detection (RFC 4271
     * section 6.8): it bounds how long we wait for that connection's OPEN.
     */
    COLLISION_HOLD,
    /**
     * Runs while a session is Established with a backed-off idle hold time; when the session
     * has stayed up this long, the back-off returns to its initial value.
     */
    DAMPING_RESET;

    /** The event the driver delivers when this timer fires. */
    public Event expiry() {
        return switch (this) {
            case CONNECT_RETRY -> new Event.ConnectRetryTimerExpires();
            case HOLD -> new Event.HoldTimerExpires();
            case KEEPALIVE -> new Event.KeepaliveTimerExpires();
            case DELAY_OPEN -> new Event.DelayOpenTimerExpires();
            case IDLE_HOLD -> new Event.IdleHoldTimerExpires();
            case COLLISION_HOLD -> new Event.CollisionHoldTimerExpires();
            case DAMPING_RESET -> new Event.DampingResetTimerExpires();
        };
    }
}
