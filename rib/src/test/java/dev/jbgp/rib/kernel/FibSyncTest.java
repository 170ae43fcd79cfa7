package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FibSyncTest extends FibSyncContract {

    @Override
    TestKernel newKernel() {
        return new TestKernel.Fake();
    }

    @Test
    void wantedRoutesInstalledBeforeStartAreNotAdoptedAsStale() throws Exception {
        installAll(sync, BLOCK_A, BLOCK_B);
        fib.close();
        fib = kernel.open();
        FibSync early = new FibSync(fib);
        installAll(early, BLOCK_A);

        early.start();

        assertEquals(Set.of(BLOCK_B.key()), early.stale());
        assertEquals(1, fib.counters().installed()); // BLOCK_A, before start: nothing to compare with yet
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
}
