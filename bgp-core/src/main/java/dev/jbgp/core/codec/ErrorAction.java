package dev.jbgp.core.codec;

/**
 * What a receiver does about a malformed message (RFC 7606 section 2), weakest first; when one
 * UPDATE has several errors the strongest action wins (RFC 7606 section 3 (h)).
 */
public enum ErrorAction {
    /** The malformed attribute is dropped and the UPDATE processed without it. */
    ATTRIBUTE_DISCARD,
    /** The UPDATE's prefixes are handled as if withdrawn. */
    TREAT_AS_WITHDRAW,
    /** A NOTIFICATION is sent and the session closed. */
    SESSION_RESET;

    public ErrorAction strongest(ErrorAction other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
