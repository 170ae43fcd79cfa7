/** The jbgp daemon: sessions on TCP 179, Calico configuration, the admin surface and the CLI. */
module dev.jbgp.peering {
    requires dev.jbgp.core;
    requires dev.jbgp.fsm;
    requires dev.jbgp.rr;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.transport.classes.epoll;
    requires com.fasterxml.jackson.databind;
}
