package dev.jbgp.rib.kernel;

/**
 * What a {@link Fib} has done since it was opened.
 *
 * @param installed route installs the kernel acknowledged
 * @param removed route removals the kernel acknowledged, or found already done (ESRCH)
 * @param refused requests refused, each also reported as a {@link FibError}
 */
public record FibCounters(long installed, long removed, long refused) {}
