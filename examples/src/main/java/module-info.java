/** The lab in network namespaces, sample configurations and an embedding example. */
module dev.jbgp.examples {
    requires dev.jbgp.peering;

    exports dev.jbgp.examples;
}
