package dev.jbgp.core.message;

import com.google.common.net.InetAddresses;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.FourOctetAs;
import java.util.List;
import java.util.Optional;

/**
 * OPEN (RFC 4271 section 4.2). {@code myAs} is the 2-octet field as sent: {@code AS_TRANS}
 * (23456) when the speaker's AS needs four octets, which then travels in the 4-octet AS
 * capability (RFC 6793). The version is always 4: any other is an error at decode time.
 */
public record Open(int myAs, int holdTime, int bgpIdentifier, List<Capability> capabilities) implements BgpMessage {
    public static final int VERSION = 4;
    /** RFC 6793 section 9: the 2-octet stand-in for a 4-octet AS number. */
    public static final int AS_TRANS = 23456;

    public Open {
        if (myAs < 0 || myAs > 0xFFFF) {
            throw new IllegalArgumentException("My Autonomous System is a 2-octet field: " + myAs);
        }
        if (holdTime < 0 || holdTime > 0xFFFF) {
            throw new IllegalArgumentException("hold time out of range: " + holdTime);
        }
        capabilities = List.copyOf(capabilities);
    }

    /**
     * The OPEN a speaker with AS {@code asNumber} sends: the 2-octet field is the AS or
     * AS_TRANS, and the 4-octet AS capability is added (first) when it is not already listed.
     */
    public static Open of(long asNumber, int holdTime, int bgpIdentifier, List<Capability> capabilities) {
        int field = asNumber > 0xFFFF ? AS_TRANS : (int) asNumber;
        boolean listed = capabilities.stream().anyMatch(c -> c instanceof FourOctetAs);
        List<Capability> caps = capabilities;
        if (!listed) {
            caps = new java.util.ArrayList<>(capabilities.size() + 1);
            caps.add(new FourOctetAs(asNumber));
            caps.addAll(capabilities);
        }
        return new Open(field, holdTime, bgpIdentifier, caps);
    }

    /** The speaker's AS: from the 4-octet AS capability when present, else the 2-octet field. */
    public long asNumber() {
        return capability(FourOctetAs.class).map(FourOctetAs::asNumber).orElse((long) myAs);
    }

    /** The first capability of the given kind. */
    public <C extends Capability> Optional<C> capability(Class<C> kind) {
        for (Capability c : capabilities) {
            if (kind.isInstance(c)) {
                return Optional.of(kind.cast(c));
            }
        }
        return Optional.empty();
    }

    /** Every capability of the given kind (a speaker lists one Multiprotocol per family). */
    public <C extends Capability> List<C> capabilities(Class<C> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public String bgpIdentifierString() {
        return InetAddresses.fromInteger(bgpIdentifier).getHostAddress();
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }
}
