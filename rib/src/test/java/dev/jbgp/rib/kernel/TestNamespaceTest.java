package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The commands the kernel tests run ({@code ip}) cannot hang the build. */
class TestNamespaceTest {

    @Test
    void aCommandThatHangsIsGivenUpAtItsTimeout() {
        AssertionError e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(AssertionError.class,
                () -> TestNamespace.run(Duration.ofMillis(300), null, "sleep", "60")));

        assertTrue(e.getMessage().contains("did not finish within"), e::getMessage);
    }

    @Test
    void aCommandReadsItsInputAndItsOutputAndErrorsAreKept() {
        TestNamespace.Result result = TestNamespace.run(Duration.ofSeconds(20), "route add\n",
                "sh", "-c", "cat; echo refused >&2; exit 3");

        assertEquals(new TestNamespace.Result(3, "route add\nrefused\n"), result);
    }
}
