package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link FibSync} on a real kernel, in a network namespace of the test's own: needs root. */
@Tag("netns")
class FibSyncNetnsTest extends FibSyncContract {

    @Override
    TestKernel newKernel() {
        return new TestKernel.Namespace();
    }

    private TestNamespace namespace() {
        return ((TestKernel.Namespace) kernel).namespace;
    }

    @Test
    void aRouteDeletedWithIpRouteDelComesBackOnTheNextRescan() {
        installAll(sync, FibRoute.via(BLOCK_B.prefix(), NODE2.gateway()));
        namespace().ip("route", "del", "198.19.21.64/26");
        assertEquals(List.of(), namespace().routes("route", "show", "198.19.21.64/26"));

        sync.rescan();

        assertEquals(List.of("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird"),
                namespace().routes("route", "show", "198.19.21.64/26"));
    }

    @Test
    void aStaticRouteAddedWithIpRouteAddSurvivesRescanRestartAndSweep() throws Exception {
        namespace().ip("route", "add", "198.19.30.0/24", "via", "198.19.0.2", "proto", "static");
        installAll(sync, BLOCK_A, OWN_BLOCK);
        sync.rescan();
        FibSync restarted = restart();
        installAll(restarted, OWN_BLOCK);
        restarted.sweepStale();
        restarted.rescan();

        assertEquals(List.of(
                "198.19.0.0/24 dev eth0 proto kernel scope link src 198.19.0.1",
                "blackhole 198.19.22.128/26 proto bird",
                "198.19.30.0/24 via 198.19.0.2 dev eth0 proto static"), namespace().routes("route"));
    }
}
