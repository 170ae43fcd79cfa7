/**
 * The kernel FIB: our routes in the Linux routing tables over rtnetlink, through
 * {@code java.lang.foreign} on an AF_NETLINK socket.
 *
 * <p>{@link dev.jbgp.rib.kernel.Fib} is the table as a batch of install and remove requests;
 * {@link dev.jbgp.rib.kernel.KernelFib} sends them to the kernel, {@link dev.jbgp.rib.kernel.FakeFib}
 * keeps them in memory, for tests and the daemon's demo mode without root.
 * {@link dev.jbgp.rib.kernel.FibSync} keeps a table in step with the routes we want:
 * write-through, stale routes adopted after a restart and swept after graceful restart, and
 * periodic rescans that repair what others changed.
 *
 * <p>Routes carry our protocol number, {@code proto bird} (12) by default, as Calico's BIRD
 * installs them, so a node can move from BIRD to jbgp and back with its routes in place.
 */
package dev.jbgp.rib.kernel;
