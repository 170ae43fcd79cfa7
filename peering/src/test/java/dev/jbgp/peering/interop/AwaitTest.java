package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polling that ends: on success, at its time limit, or at once when the wait is hopeless. */
class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();

        Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3, () -> "");

        assertTrue(polls.get() == 3);
    }

    @Test
    void failsAtItsTimeLimitWithTheDescriptionTheLastErrorAndTheState() {
        AssertionError e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(AssertionError.class,
                () -> Await.until("a session to come up", Duration.ofMillis(600), () -> {
                    throw new IllegalStateException("birdc: connection refused");
                }, () -> "STATE DUMP")));

        assertTrue(e.getMessage().contains("waited 0 s for a session to come up"), e.getMessage());
        assertTrue(e.getMessage().contains("birdc: connection refused"), e.getMessage());
        assertTrue(e.getMessage().contains("STATE DUMP"), e.getMessage());
    }

    @Test
    void aHopelessConditionEndsTheWaitAtOnce() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class, () -> Await.until("BIRD to answer",
                Duration.ofSeconds(30), () -> {
                    throw new Await.Hopeless("BIRD exited");
                }, () -> "log tail"));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        assertTrue(e.getMessage().contains("BIRD exited") && e.getMessage().contains("log tail"), e.getMessage());
    }

    @Test
    void duringFailsAtTheFirstPollWhereTheConditionStopsHolding() {
        AtomicInteger polls = new AtomicInteger();

        AssertionError e = assertThrows(AssertionError.class, () -> Await.during("the route stays",
                Duration.ofSeconds(30), () -> polls.incrementAndGet() < 3, () -> "routes"));

        assertTrue(polls.get() == 3);
        assertTrue(e.getMessage().contains("the route stays") && e.getMessage().contains("routes"), e.getMessage());
    }

    @Test
    void duringReturnsWhenTheConditionHeldThroughout() {
        AtomicInteger polls = new AtomicInteger();

        Await.during("always", Duration.ofMillis(700), () -> polls.incrementAndGet() > 0, () -> "");

        assertTrue(polls.get() >= 3, "polled " + polls.get() + " times");
    }
}
