/** The RFC 4271 section 8 finite state machine as a pure function: see {@link dev.jbgp.fsm}. */
module dev.jbgp.fsm {
    requires transitive dev.jbgp.core;

    exports dev.jbgp.fsm;
}
