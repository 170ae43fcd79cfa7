/** Routing tables, the decision process, policy, the Adj-RIB-Out and the kernel FIB. */
module dev.jbgp.rib {
    requires transitive dev.jbgp.core;

    exports dev.jbgp.rib;
    exports dev.jbgp.rib.kernel;
    exports dev.jbgp.rib.out;
    exports dev.jbgp.rib.policy;
}
