package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FakeFibTest extends FibContract {

    @Override
    TestKernel newKernel() {
        return new TestKernel.Fake();
    }

    @Test
    void requestsWaitInTheBatchUntilFlush() {
        FakeFib fake = (FakeFib) fib;
        fake.install(via(BLOCK, NODE2));

        assertEquals(List.of(), fake.kernel().routes(FibRoute.RT_TABLE_MAIN, Fib.RTPROT_BIRD));
        fake.flush();
        assertEquals(List.of(via(BLOCK, NODE2)), fake.kernel().routes(FibRoute.RT_TABLE_MAIN, Fib.RTPROT_BIRD));
    }

    @Test
    void installingReplacesAnotherProtocolsRouteAtTheSameKeyAsTheKernelDoes() {
        FakeFib fake = (FakeFib) fib;
        kernel.addByHand(via(BLOCK, NODE3), TestKernel.RTPROT_STATIC);

        fake.install(via(BLOCK, NODE2));
        fake.flush();

        assertEquals(Fib.RTPROT_BIRD, fake.kernel().protocolAt(via(BLOCK, NODE2).key()).orElseThrow());
    }

    @Test
    void aClosedFibTakesNoRequests() {
        fib.close();

        assertThrows(IllegalStateException.class, () -> fib.install(via(BLOCK, NODE2)));
    }

    @Test
    void protocolZeroIsRefusedBecauseInADeleteItMeansAnyProtocol() {
        assertThrows(IllegalArgumentException.class, () -> new FakeFib(new FakeFib.Kernel(), 0));
    }
}
