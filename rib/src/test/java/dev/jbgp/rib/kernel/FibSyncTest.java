package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FibSyncTest extends FibSyncContract {

    @Override
    TestKernel newKernel() {
        return new TestKernel.Fake();
    }

    @Test
    void aConfirmedRouteTakesNoKernelWriteAtAll() throws Exception {
        installAll(sync, BLOCK_A, BLOCK_B, OWN_BLOCK);
        long writes = ((FakeFib) fib).kernel().writes();

        FibSync restarted = restart();
        installAll(restarted, BLOCK_A, BLOCK_B, OWN_BLOCK);
        restarted.sweepStale();
        restarted.rescan();

        assertEquals(writes, ((FakeFib) fib).kernel().writes());
        assertEquals(List.of(BLOCK_A, BLOCK_B, OWN_BLOCK),
                ((FakeFib) fib).kernel().routes(MAIN, Fib.RTPROT_BIRD));
    }

    @Test
    void aStartWhoseDumpFailedCanBeTriedAgain() {
        installAll(sync, BLOCK_B);
        FirstDumpFails flaky = new FirstDumpFails(fib);
        FibSync restarted = new FibSync(flaky);
        restarted.install(BLOCK_A);

        assertThrows(UncheckedIOException.class, restarted::start);
        assertEquals(Set.of(BLOCK_B.prefix()), ourPrefixes()); // nothing written before a start that worked

        assertEquals(1, restarted.start());
        assertEquals(Set.of(BLOCK_B.key()), restarted.stale());
        assertInKernel(BLOCK_A);
    }

    /** A Fib whose first dump fails, as a netlink dump can (a timeout, a refusal). */
    private static final class FirstDumpFails implements Fib {
        private final Fib fib;
        private boolean failed;

        FirstDumpFails(Fib fib) {
            this.fib = fib;
        }

        @Override
        public TableSnapshot snapshot(int table) {
            if (!failed) {
                failed = true;
                throw new UncheckedIOException(new IOException("route dump did not finish"));
            }
            return fib.snapshot(table);
        }

        @Override
        public int protocol() {
            return fib.protocol();
        }

        @Override
        public void install(FibRoute route) {
            fib.install(route);
        }

        @Override
        public void remove(RouteKey key) {
            fib.remove(key);
        }

        @Override
        public void flush() {
            fib.flush();
        }

        @Override
        public void onError(Consumer<? super FibError> listener) {
            fib.onError(listener);
        }

        @Override
        public FibCounters counters() {
            return fib.counters();
        }

        @Override
        public void close() {
            fib.close();
        }
    }
}
