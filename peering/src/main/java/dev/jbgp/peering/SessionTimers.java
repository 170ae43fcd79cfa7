package dev.jbgp.peering;

import dev.jbgp.fsm.Timer;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The FSM's timers on a session's event loop. Restarting a timer only moves its deadline: the
 * scheduled task, when it runs early, schedules itself again for the rest. The hold timer
 * restarts on every UPDATE and KEEPALIVE received, so a table of a million routes costs a
 * million field writes here rather than a million cancelled tasks.
 */
final class SessionTimers {
    private final EventLoop loop;
    private final Consumer<Timer> expired;
    private final Map<Timer, Running> running = new EnumMap<>(Timer.class);

    private static final class Running {
        long deadline;
        long firesAt;
        ScheduledFuture<?> task;
    }

    SessionTimers(EventLoop loop, Consumer<Timer> expired) {
        this.loop = loop;
        this.expired = expired;
    }

    void start(Timer timer, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        Running r = running.get(timer);
        if (r != null && r.firesAt - deadline <= 0) {
            r.deadline = deadline; // fires earlier than the new deadline and reschedules itself
            return;
        }
        if (r != null) {
            r.task.cancel(false);
        }
        Running next = new Running();
        next.deadline = deadline;
        schedule(timer, next, deadline);
        running.put(timer, next);
    }

    void stop(Timer timer) {
        Running r = running.remove(timer);
        if (r != null) {
            r.task.cancel(false);
        }
    }

    void stopAll() {
        for (Running r : running.values()) {
            r.task.cancel(false);
        }
        running.clear();
    }

    private void schedule(Timer timer, Running r, long at) {
        r.firesAt = at;
        r.task = loop.schedule(() -> fire(timer, r), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void fire(Timer timer, Running r) {
        if (running.get(timer) != r) {
            return; // stopped or replaced meanwhile
        }
        long now = System.nanoTime();
        if (now - r.deadline < 0) {
            schedule(timer, r, r.deadline);
            return;
        }
        running.remove(timer);
        expired.accept(timer);
    }
}
