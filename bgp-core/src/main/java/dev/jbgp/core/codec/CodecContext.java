package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import java.util.Set;

/**
 * What a session negotiated that changes the bytes of its messages. One context reads what
 * the peer sends (ADD-PATH: the families we receive path identifiers for); another writes what
 * we send (the families we send them for).
 *
 * @param fourOctetAs both speakers support 4-octet AS numbers (RFC 6793): AS_PATH and
 *     AGGREGATOR carry 4-octet numbers; otherwise 2-octet ones plus AS4_PATH / AS4_AGGREGATOR
 * @param addPath the families whose NLRI carry a path identifier (RFC 7911)
 * @param extendedMessage messages may be up to 65535 octets (RFC 8654): for reading, when we
 *     advertised the capability (section 4: whoever advertises it must accept them); for
 *     writing, when the peer advertised it
 */
public record CodecContext(boolean fourOctetAs, Set<AfiSafi> addPath, boolean extendedMessage) {
    public static final int MAX_MESSAGE_LENGTH = 4096;
    public static final int MAX_EXTENDED_MESSAGE_LENGTH = 65535;

    /** Between modern speakers before anything else is negotiated: 4-octet AS, no ADD-PATH, 4096 octets. */
    public static final CodecContext DEFAULT = new CodecContext(true, Set.of(), false);

    public CodecContext {
        addPath = Set.copyOf(addPath);
    }

    public int maxMessageLength() {
        return extendedMessage ? MAX_EXTENDED_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
    }

    public boolean addPath(AfiSafi family) {
        return !addPath.isEmpty() && addPath.contains(family);
    }

    public CodecContext withFourOctetAs(boolean value) {
        return new CodecContext(value, addPath, extendedMessage);
    }

    public CodecContext withAddPath(Set<AfiSafi> families) {
        return new CodecContext(fourOctetAs, families, extendedMessage);
    }

    public CodecContext withExtendedMessage(boolean value) {
        return new CodecContext(fourOctetAs, addPath, value);
    }
}
