package dev.jbgp.rib.policy;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Route;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter runs for every route that changes, so a route it does not edit must cost no
 * garbage beyond its verdict: no boxing, no iterators, no copies of attribute arrays. The
 * bound is one verdict (at most 32 bytes, its size without compressed pointers); the JIT
 * may take even that away when the caller keeps nothing of it.
 */
class FilterAllocationTest {
    private static final int EVALUATIONS = 200_000;
    private static final long VERDICT_BYTES = 32;

    @Test
    void aRouteThatPassesEveryRuleUneditedAllocatesNoMoreThanItsVerdict() throws Throwable {
        MethodHandle allocatedBytes = currentThreadAllocatedBytes();
        assumeTrue(allocatedBytes != null, "this JVM does not count the bytes a thread allocates");
        // Every rule is tried, each reading a different part of the route; none matches.
        Filter filter = new Filter(List.of(
                Rule.of(Match.hasCommunity(Communities.community(64512, 999)), Action.reject()),
                Rule.of(Match.hasLargeCommunity(64512, 9, 9), Action.setLocalPref(10)),
                Rule.of(Match.asPathStartsWith(65001, 65009), Action.prependAs(64512, 2)),
                Rule.of(Match.all(Match.withinLengths(Prefix.parse("10.0.0.0/8"), 24, 32), Match.ebgp()), Action.reject()),
                Rule.of(Match.any(Match.exact(Prefix.parse("172.16.0.0/24")),
                                Match.fromPeer(InetAddress.ofLiteral("203.0.113.1"))),
                        Action.addCommunity(1), Action.accept())),
                Filter.Otherwise.ACCEPT);
        PathAttributes attributes = PathAttributes.of(Origin.IGP, AsPath.sequence(65001, 65002, 65003),
                Communities.of(Communities.community(64512, 1), Communities.community(64512, 2), Communities.NO_EXPORT),
                LargeCommunities.of(new LargeCommunity(64512, 1, 1), new LargeCommunity(64512, 9, 8)));
        Route route = new Route(Prefix.parse("10.1.2.0/24"), 0, attributes, Routes.IBGP_PEER);
        assertSame(attributes, filter.evaluate(route).attributes());

        int accepted = run(filter, route); // the first round runs partly interpreted and loads what it needs
        long before = (long) allocatedBytes.invokeExact();
        accepted += run(filter, route);
        long perEvaluation = ((long) allocatedBytes.invokeExact() - before) / EVALUATIONS;

        System.out.printf("FilterAllocationTest: %d bytes allocated per evaluation of a 5-rule filter%n", perEvaluation);
        assertTrue(perEvaluation <= VERDICT_BYTES, perEvaluation + " bytes per evaluation; accepted " + accepted);
    }

    private static int run(Filter filter, Route route) {
        int accepted = 0;
        for (int i = 0; i < EVALUATIONS; i++) {
            accepted += filter.evaluate(route).accepted() ? 1 : 0;
        }
        return accepted;
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, or null. Looked
     * up by name: the tests compile into the rib module, which does not read the management
     * modules, and run on the class path, where everything is readable.
     */
    private static MethodHandle currentThreadAllocatedBytes() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> threads = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = factory.getMethod("getThreadMXBean").invoke(null);
            if (!threads.isInstance(bean) || !(boolean) threads.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
                return null;
            }
            return MethodHandles.publicLookup()
                    .findVirtual(threads, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
