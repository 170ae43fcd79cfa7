/** Routing tables, the decision process, policy and the kernel FIB (built in its own issue). */
module dev.jbgp.rib {
    requires transitive dev.jbgp.core;

    exports dev.jbgp.rib.kernel;
}
