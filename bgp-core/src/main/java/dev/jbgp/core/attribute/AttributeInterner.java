package dev.jbgp.core.attribute;

/**
 * Maps equal attribute sets to one instance so routes that share attributes share memory.
 * The RIB keeps its own (single-threaded, reference-counted) on the RIB thread; {@link #weak()}
 * is a thread-safe one for programs that embed the codec alone.
 */
@FunctionalInterface
public interface AttributeInterner {
    PathAttributes intern(PathAttributes attributes);

    /** A process-wide interner holding its sets weakly. */
    static AttributeInterner weak() {
        return WeakAttributeInterner.INSTANCE;
    }

    /** No interning: every decode yields its own set. */
    static AttributeInterner none() {
        return a -> a;
    }
}
