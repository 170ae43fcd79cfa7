package dev.jbgp.core.attribute;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

/**
 * Maps equal attribute sets to one instance so routes that share attributes share memory.
 * The RIB supplies its own (single-threaded, reference-counted); {@link #weak()} is a
 * thread-safe default that lets unused sets be collected.
 */
@FunctionalInterface
public interface AttributeInterner {
    PathAttributes intern(PathAttributes attributes);

    /** A process-wide interner holding its sets weakly. */
    static AttributeInterner weak() {
        return WeakInterner.INSTANCE;
    }

    /** No interning: every decode yields its own set. */
    static AttributeInterner none() {
        return a -> a;
    }

    /** The shared weak interner. */
    final class WeakInterner implements AttributeInterner {
        static final WeakInterner INSTANCE = new WeakInterner();
        private final Interner<PathAttributes> interner = Interners.newWeakInterner();

        private WeakInterner() {
        }

        @Override
        public PathAttributes intern(PathAttributes attributes) {
            return attributes.isEmpty() ? PathAttributes.EMPTY : interner.intern(attributes);
        }
    }
}
