/** RFC 4456 route reflection rules (built in its own issue). */
module dev.jbgp.rr {
    requires transitive dev.jbgp.rib;
}
