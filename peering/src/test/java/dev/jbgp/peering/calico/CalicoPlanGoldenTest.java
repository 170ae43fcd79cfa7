package dev.jbgp.peering.calico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbgp.peering.config.ResourceLoader;
import dev.jbgp.peering.config.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code plans/<case>.yaml} holds Calico resources, and
 * {@code plans/<case>.<node>.txt} the plan for that node as {@link CalicoPlan#toText()} renders
 * it (peers with every field, blocks, service ranges, import, export and kernel rules, notes).
 *
 * <p>After a deliberate change to the planner or the rendering, rewrite the expected files and
 * review the diff:
 *
 * <pre>
 * mvn -o -pl peering -am test -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=CalicoPlanGoldenTest -Djbgp.updateGolden=true
 * git diff peering/src/test/resources/plans
 * </pre>
 *
 * The files are rewritten in the source tree ({@code src/test/resources/plans}, relative to the
 * module directory Maven runs the tests in), and the test then fails, so an update is never
 * mistaken for a pass.
 */
class CalicoPlanGoldenTest {
    private static final Path SOURCE = Path.of("src", "test", "resources", "plans");
    private static final boolean UPDATE = Boolean.getBoolean("jbgp.updateGolden");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("lab", "node1"),
                Arguments.of("lab", "node2"),
                Arguments.of("lab", "control"),
                Arguments.of("route-reflectors", "rr1"),
                Arguments.of("route-reflectors", "rr2"),
                Arguments.of("route-reflectors", "worker1"),
                Arguments.of("mixed-as", "a"),
                Arguments.of("mixed-as", "c"),
                Arguments.of("selectors", "kube-master"),
                Arguments.of("selectors", "kube-node-1"),
                Arguments.of("selectors", "kube-node-2"),
                Arguments.of("ipv6", "dual1"),
                Arguments.of("ipv6", "v6only"),
                Arguments.of("ports", "a"),
                Arguments.of("ports", "b"),
                Arguments.of("ports", "edge"),
                Arguments.of("passwords", "n1"),
                Arguments.of("pools-and-services", "n1"),
                Arguments.of("pools-and-services", "n2"),
                Arguments.of("bind-node-ip", "low"),
                Arguments.of("bind-node-ip", "high"),
                Arguments.of("not-applied", "n1"),
                Arguments.of("not-applied", "n2"));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("cases")
    void planMatchesItsGoldenFile(String name, String node) throws Exception {
        Resources resources = ResourceLoader.parse(resource(name + ".yaml"), name + ".yaml");
        String actual = CalicoPlanner.plan(resources, node).toText();
        String expectedFile = name + "." + node + ".txt";
        if (UPDATE) {
            Files.writeString(SOURCE.resolve(expectedFile), actual, StandardCharsets.UTF_8);
            fail("rewrote " + SOURCE.resolve(expectedFile) + "; run again without -Djbgp.updateGolden");
        }
        assertEquals(resource(expectedFile), actual, "plan of " + node + " in " + name
                + ".yaml; if the change is meant, rerun with -Djbgp.updateGolden=true and review the diff");
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("cases")
    void planDoesNotDependOnTheOrderOfTheResources(String name, String node) throws Exception {
        Resources resources = ResourceLoader.parse(resource(name + ".yaml"), name + ".yaml");
        Resources reversed = new Resources(reversed(resources.bgpConfigurations()), reversed(resources.nodes()),
                reversed(resources.bgpPeers()), reversed(resources.ipPools()), reversed(resources.ipamBlocks()),
                reversed(resources.secrets()));
        assertEquals(CalicoPlanner.plan(resources, node).toText(), CalicoPlanner.plan(reversed, node).toText());
    }

    private static <T> List<T> reversed(List<T> list) {
        return list.reversed();
    }

    private static String resource(String file) throws IOException {
        try (var in = CalicoPlanGoldenTest.class.getResourceAsStream("/plans/" + file)) {
            if (in == null) {
                throw new IOException("no test resource plans/" + file
                        + " (create it with -Djbgp.updateGolden=true, then review it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
