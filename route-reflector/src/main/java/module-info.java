/** Route reflection (RFC 4456) for larger clusters: a node that reflects routes between the others. */
module dev.jbgp.rr {
    requires transitive dev.jbgp.rib;

    exports dev.jbgp.rr;
}
