package dev.jbgp.core.attribute;

/** MULTI_EXIT_DISC (RFC 4271 section 5.1.4): an unsigned 32-bit metric, lower preferred. */
public record MultiExitDisc(long value) implements PathAttribute {
    public MultiExitDisc {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("MED out of range: " + value);
        }
    }

    @Override
    public int typeCode() {
        return MULTI_EXIT_DISC;
    }
}
