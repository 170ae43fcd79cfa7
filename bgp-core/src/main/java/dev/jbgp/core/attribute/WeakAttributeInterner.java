package dev.jbgp.core.attribute;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

/** The process-wide interner behind {@link AttributeInterner#weak()}: sets are held weakly. */
final class WeakAttributeInterner implements AttributeInterner {
    static final WeakAttributeInterner INSTANCE = new WeakAttributeInterner();
    private final Interner<PathAttributes> interner = Interners.newWeakInterner();

    private WeakAttributeInterner() {
    }

    @Override
    public PathAttributes intern(PathAttributes attributes) {
        return attributes.isEmpty() ? PathAttributes.EMPTY : interner.intern(attributes);
    }
}
