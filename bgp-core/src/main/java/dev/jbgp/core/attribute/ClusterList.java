package dev.jbgp.core.attribute;

import com.google.common.net.InetAddresses;
import java.util.Arrays;
import java.util.StringJoiner;

/** CLUSTER_LIST (RFC 4456 section 8): the cluster IDs the route was reflected through, newest first. */
public record ClusterList(int[] ids) implements PathAttribute {
    public ClusterList {
        ids = ids.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    public int size() {
        return ids.length;
    }

    public boolean contains(int clusterId) {
        for (int id : ids) {
            if (id == clusterId) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int typeCode() {
        return CLUSTER_LIST;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterList c && Arrays.equals(c.ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "ClusterList[", "]");
        for (int id : ids) {
            j.add(InetAddresses.fromInteger(id).getHostAddress());
        }
        return j.toString();
    }
}
