package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import java.util.List;
import java.util.Set;

/** A codec context with a name for test reports: the sessions the property tests run under. */
record NamedContext(String name, CodecContext context) {

    /** Every combination of negotiated facts that changes the bytes of a message. */
    static final List<NamedContext> ALL = List.of(
            new NamedContext("4-octet AS", CodecContext.DEFAULT),
            new NamedContext("2-octet AS", CodecContext.DEFAULT.withFourOctetAs(false)),
            new NamedContext("ADD-PATH ipv4", CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV4_UNICAST))),
            new NamedContext("ADD-PATH ipv6", CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV6_UNICAST))),
            new NamedContext("extended message", CodecContext.DEFAULT.withExtendedMessage(true)),
            new NamedContext("2-octet AS, ADD-PATH both, extended message", new CodecContext(false,
                    Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true)));

    @Override
    public String toString() {
        return name;
    }
}
