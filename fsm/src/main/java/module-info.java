/** The RFC 4271 section 8 finite state machine as a pure function (built in its own issue). */
module dev.jbgp.fsm {
    requires transitive dev.jbgp.core;
}
