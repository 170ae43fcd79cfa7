/** The jbgp daemon: sessions on TCP 179, Calico configuration, the admin surface and the CLI. */
module dev.jbgp.peering {
    requires transitive dev.jbgp.core;
    requires dev.jbgp.fsm;
    requires dev.jbgp.rr;
    requires transitive dev.jbgp.rib;
    requires transitive io.netty.transport;
    requires transitive io.netty.codec;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires io.netty.common;
    requires io.netty.buffer;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.google.common;
    requires jdk.httpserver;
    requires java.logging;
    requires java.net.http;

    exports dev.jbgp.peering;
    exports dev.jbgp.peering.transport;
    exports dev.jbgp.peering.config;
    exports dev.jbgp.peering.calico;
}
