package dev.jbgp.core.attribute;

/** ATOMIC_AGGREGATE (RFC 4271 section 5.1.6): a well-known discretionary flag with no value. */
public record AtomicAggregate() implements PathAttribute {
    public static final AtomicAggregate INSTANCE = new AtomicAggregate();

    @Override
    public int typeCode() {
        return ATOMIC_AGGREGATE;
    }
}
