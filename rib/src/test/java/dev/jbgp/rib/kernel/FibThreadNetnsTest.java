package dev.jbgp.rib.kernel;

import org.junit.jupiter.api.Tag;

/** {@link FibThread} on a real kernel, in a network namespace of the test's own: needs root. */
@Tag("netns")
class FibThreadNetnsTest extends FibThreadContract {
    @Override
    TestKernel newKernel() {
        return new TestKernel.Namespace();
    }
}
