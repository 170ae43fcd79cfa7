package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the interop tests need: root (to create network namespaces) and the tools they drive.
 * Without them a test is skipped, unless the environment sets {@value #REQUIRE_INTEROP}=1 (as
 * {@code .ci/run} does): then it fails, so CI cannot pass with the interop tests silently skipped.
 */
final class Prerequisites {

    static final String REQUIRE_INTEROP = "JBGP_REQUIRE_INTEROP";

    private Prerequisites() {
    }

    /** Skips (or fails) the test unless it runs as root and finds {@code ip} and every one of {@code tools}. */
    static void require(String... tools) {
        if (!isRoot()) {
            unavailable("interop tests create network namespaces and need root");
        }
        List<String> missing = new ArrayList<>();
        for (String tool : concat("ip", tools)) {
            if (Command.find(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            unavailable("interop tests need " + String.join(", ", missing)
                    + " (Debian packages iproute2, bird2, gobgpd)");
        }
    }

    /** Skips the test, or fails it when {@value #REQUIRE_INTEROP}=1. */
    static void unavailable(String reason) {
        if ("1".equals(System.getenv(REQUIRE_INTEROP))) {
            fail(reason + ", and " + REQUIRE_INTEROP + "=1");
        }
        assumeTrue(false, reason);
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
