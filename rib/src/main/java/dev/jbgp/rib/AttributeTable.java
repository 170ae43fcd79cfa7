package dev.jbgp.rib;

import dev.jbgp.core.attribute.PathAttributes;
import java.util.HashMap;

/**
 * The RIB's attribute sets, interned with reference counts: equal sets are one object however
 * many paths hold them, and a set leaves the table when its last path goes. RIB thread only.
 */
final class AttributeTable {
    private static final class Entry {
        final PathAttributes value;
        int references;

        Entry(PathAttributes value) {
            this.value = value;
        }
    }

    private final HashMap<PathAttributes, Entry> entries = new HashMap<>();
    /**
     * The set asked for last, as given, and its entry: every prefix of an UPDATE asks for the
     * same instance, and a path whose import policy changed nothing asks again for the set it
     * just got, so most questions are answered by identity without hashing.
     */
    private PathAttributes lastAsked;
    private Entry last;

    /** The shared instance equal to {@code attributes}, counted once more. */
    PathAttributes acquire(PathAttributes attributes) {
        Entry e = last;
        if (e == null || (attributes != lastAsked && attributes != e.value)) {
            e = entries.get(attributes);
            if (e == null) {
                e = new Entry(attributes);
                entries.put(attributes, e);
            }
            last = e;
        }
        lastAsked = attributes;
        e.references++;
        return e.value;
    }

    /** Drops one reference taken by {@link #acquire}. */
    void release(PathAttributes attributes) {
        Entry e = entries.get(attributes);
        if (e == null || e.value != attributes) {
            throw new IllegalStateException("released an attribute set the table does not hold");
        }
        if (--e.references == 0) {
            entries.remove(attributes);
            if (e == last) {
                last = null;
                lastAsked = null;
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** An estimate of the bytes the sets and the table take. */
    long footprint() {
        long bytes = 16L + entries.size() * (32L + 16 + 24);   // HashMap node, Entry, table slot share
        for (PathAttributes a : entries.keySet()) {
            bytes += 16 + 8L * a.size() + 48L * a.size();       // the set's array and its attributes, roughly
        }
        return bytes;
    }
}
