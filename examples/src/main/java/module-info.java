/** The lab in network namespaces, sample configurations, an embedding example and the route-reflector scale run. */
module dev.jbgp.examples {
    requires dev.jbgp.peering;
    requires java.logging;

    exports dev.jbgp.examples;
    exports dev.jbgp.examples.scale;
}
