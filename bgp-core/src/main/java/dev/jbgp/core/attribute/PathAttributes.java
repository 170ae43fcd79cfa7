package dev.jbgp.core.attribute;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * The path attributes of a route, one per type code, ordered by type code; immutable, so the
 * thousands of routes that share attributes can share one interned instance
 * ({@link AttributeInterner}). MP_REACH_NLRI and MP_UNREACH_NLRI are not route properties
 * and are not allowed here: they live beside the set, in {@link dev.jbgp.core.message.Update}.
 */
public final class PathAttributes extends AbstractList<PathAttribute> implements RandomAccess {
    public static final PathAttributes EMPTY = new PathAttributes(new PathAttribute[0]);

    private final PathAttribute[] attributes;
    private final int hash;

    private PathAttributes(PathAttribute[] sorted) {
        this.attributes = sorted;
        this.hash = Arrays.hashCode(sorted);
    }

    public static PathAttributes of(PathAttribute... attributes) {
        return of(Arrays.asList(attributes));
    }

    /** A set from attributes in any order; two of one type code are an error. */
    public static PathAttributes of(Collection<? extends PathAttribute> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        PathAttribute[] a = attributes.toArray(new PathAttribute[0]);
        if (!sorted(a)) { // senders SHOULD order attributes by type code (RFC 4271 section 5)
            Arrays.sort(a, (x, y) -> Integer.compare(x.typeCode(), y.typeCode()));
        }
        for (int i = 0; i < a.length; i++) {
            int t = a[i].typeCode();
            if (t == PathAttribute.MP_REACH_NLRI || t == PathAttribute.MP_UNREACH_NLRI) {
                throw new IllegalArgumentException(PathAttribute.name(t) + " belongs to the UPDATE, not the attribute set");
            }
            if (t == PathAttribute.AS4_PATH || t == PathAttribute.AS4_AGGREGATOR) {
                throw new IllegalArgumentException(PathAttribute.name(t) + " is merged into AS_PATH / AGGREGATOR");
            }
            if (i > 0 && a[i - 1].typeCode() == t) {
                throw new IllegalArgumentException("two attributes of type " + PathAttribute.name(t));
            }
        }
        return new PathAttributes(a);
    }

    private PathAttribute find(int typeCode) {
        for (PathAttribute a : attributes) {
            int t = a.typeCode();
            if (t == typeCode) {
                return a;
            }
            if (t > typeCode) {
                return null;
            }
        }
        return null;
    }

    private static boolean sorted(PathAttribute[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1].typeCode() > a[i].typeCode()) {
                return false;
            }
        }
        return true;
    }

    /** The attribute of the given type code, or null. */
    public PathAttribute byType(int typeCode) {
        return find(typeCode);
    }

    public Origin origin() {
        return (Origin) find(PathAttribute.ORIGIN);
    }

    public AsPath asPath() {
        return (AsPath) find(PathAttribute.AS_PATH);
    }

    public NextHop nextHop() {
        return (NextHop) find(PathAttribute.NEXT_HOP);
    }

    public MultiExitDisc med() {
        return (MultiExitDisc) find(PathAttribute.MULTI_EXIT_DISC);
    }

    public LocalPref localPref() {
        return (LocalPref) find(PathAttribute.LOCAL_PREF);
    }

    public Aggregator aggregator() {
        return (Aggregator) find(PathAttribute.AGGREGATOR);
    }

    public Communities communities() {
        return (Communities) find(PathAttribute.COMMUNITIES);
    }

    public OriginatorId originatorId() {
        return (OriginatorId) find(PathAttribute.ORIGINATOR_ID);
    }

    public ClusterList clusterList() {
        return (ClusterList) find(PathAttribute.CLUSTER_LIST);
    }

    public ExtendedCommunities extendedCommunities() {
        return (ExtendedCommunities) find(PathAttribute.EXTENDED_COMMUNITIES);
    }

    public LargeCommunities largeCommunities() {
        return (LargeCommunities) find(PathAttribute.LARGE_COMMUNITY);
    }

    /** A copy with {@code attribute} added, or replacing the one of its type code. */
    public PathAttributes with(PathAttribute attribute) {
        int t = attribute.typeCode();
        List<PathAttribute> list = new java.util.ArrayList<>(attributes.length + 1);
        for (PathAttribute a : attributes) {
            if (a.typeCode() != t) {
                list.add(a);
            }
        }
        list.add(attribute);
        return of(list);
    }

    /** A copy without the attribute of the given type code. */
    public PathAttributes without(int typeCode) {
        if (find(typeCode) == null) {
            return this;
        }
        return of(stream().filter(a -> a.typeCode() != typeCode).toList());
    }

    @Override
    public PathAttribute get(int index) {
        return attributes[index];
    }

    @Override
    public int size() {
        return attributes.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o instanceof PathAttributes p) {
            return p.hash == hash && Arrays.equals(p.attributes, attributes);
        }
        return o instanceof List<?> && super.equals(o);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
