package dev.jbgp.core.attribute;

/**
 * A path attribute of an UPDATE (RFC 4271 section 4.3 and 5). Type codes are IANA's "BGP
 * Path Attributes"; one the codec does not know is an {@link UnknownAttribute}.
 */
public sealed interface PathAttribute permits Origin, AsPath, NextHop, MultiExitDisc, LocalPref, AtomicAggregate,
        Aggregator, Communities, OriginatorId, ClusterList, MpReachNlri, MpUnreachNlri, ExtendedCommunities,
        LargeCommunities, UnknownAttribute {
    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int LARGE_COMMUNITY = 32;

    /** Attribute Flags bits (RFC 4271 section 4.3). */
    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int typeCode();

    /** The attribute's name as the RFCs spell it, or {@code ATTR_n}. */
    static String name(int typeCode) {
        return switch (typeCode) {
            case ORIGIN -> "ORIGIN";
            case AS_PATH -> "AS_PATH";
            case NEXT_HOP -> "NEXT_HOP";
            case MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
            case LOCAL_PREF -> "LOCAL_PREF";
            case ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
            case AGGREGATOR -> "AGGREGATOR";
            case COMMUNITIES -> "COMMUNITIES";
            case ORIGINATOR_ID -> "ORIGINATOR_ID";
            case CLUSTER_LIST -> "CLUSTER_LIST";
            case MP_REACH_NLRI -> "MP_REACH_NLRI";
            case MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
            case EXTENDED_COMMUNITIES -> "EXTENDED_COMMUNITIES";
            case AS4_PATH -> "AS4_PATH";
            case AS4_AGGREGATOR -> "AS4_AGGREGATOR";
            case LARGE_COMMUNITY -> "LARGE_COMMUNITY";
            default -> "ATTR_" + typeCode;
        };
    }
}
