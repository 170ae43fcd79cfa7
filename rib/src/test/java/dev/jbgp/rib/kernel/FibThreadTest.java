package dev.jbgp.rib.kernel;

/** {@link FibThread} on the in-memory kernel. */
class FibThreadTest extends FibThreadContract {
    @Override
    TestKernel newKernel() {
        return new TestKernel.Fake();
    }
}
