package dev.jbgp.peering.interop;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling for a state that other processes reach in their own time (a session coming up, a route
 * arriving), bounded in time, failing with the state of everything involved.
 */
final class Await {

    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /** Thrown by a condition that can no longer become true (the daemon exited): stops the wait at once. */
    static final class Hopeless extends AssertionError {
        Hopeless(String message) {
            super(message);
        }
    }

    /**
     * Returns once {@code condition} holds; fails after {@code timeout} with {@code description},
     * the last exception the condition threw (a daemon not answering yet counts as "not yet") and
     * {@code state}, read once at the failure.
     */
    static void until(String description, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long polls = timeout.toMillis() / POLL_INTERVAL.toMillis() + 1;
        RuntimeException lastException = null;
        AssertionError lastFailure = null;
        for (long i = 0; i <= polls; i++) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastException = null;
                lastFailure = null;
            } catch (RuntimeException e) {
                lastException = e;
            } catch (Hopeless e) {
                throw new AssertionError("gave up waiting for " + description + ": " + e.getMessage()
                        + "\n" + stateOrWhyNot(state), e);
            } catch (AssertionError e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            sleep(POLL_INTERVAL);
        }
        Throwable last = lastException != null ? lastException : lastFailure;
        AssertionError failure = new AssertionError("waited " + timeout.toSeconds() + " s for " + description
                + (last == null ? "" : "\nlast check failed with: " + last)
                + "\n" + stateOrWhyNot(state));
        if (last != null) {
            failure.addSuppressed(last);
        }
        throw failure;
    }

    /**
     * Polls {@code condition} for {@code duration}, failing at the first poll where it does not
     * hold (or throws), with {@code description} and {@code state}.
     */
    static void during(String description, Duration duration, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + duration.toNanos();
        long polls = duration.toMillis() / POLL_INTERVAL.toMillis() + 1;
        for (long i = 0; i <= polls && System.nanoTime() - deadline < 0; i++) {
            boolean holds;
            try {
                holds = condition.getAsBoolean();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("while checking that " + description + ": " + e + "\n"
                        + stateOrWhyNot(state), e);
            }
            if (!holds) {
                throw new AssertionError("stopped holding after " + (duration.toMillis()
                        - Math.max(0, (deadline - System.nanoTime()) / 1_000_000)) + " ms: " + description + "\n"
                        + stateOrWhyNot(state));
            }
            sleep(POLL_INTERVAL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String stateOrWhyNot(Supplier<String> state) {
        try {
            return state.get();
        } catch (RuntimeException | AssertionError e) {
            return "(cannot read the state: " + e + ")";
        }
    }
}
