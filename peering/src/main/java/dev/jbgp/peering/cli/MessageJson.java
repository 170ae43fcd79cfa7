package dev.jbgp.peering.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.ErrorAction;
import dev.jbgp.core.codec.Malformation;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.MessageType;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One decoded message as JSON for an operator: {@code type} and {@code length}, the fields of
 * its kind, and for malformed input an {@code error} object saying what a receiver does about
 * it (RFC 7606: session-reset, treat-as-withdraw, attribute-discard), why, and which
 * NOTIFICATION it maps to.
 */
final class MessageJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What the header said before the message was decoded: the Length field ({@code -1} when fewer
     * than 18 octets were there) and the Type octet ({@code -1} when the marker was wrong or the
     * header cut short).
     */
    record Header(int length, int typeCode) {
    }

    private MessageJson() {
    }

    static ObjectNode of(DecodeResult result, Header header) {
        ObjectNode o = JSON.objectNode();
        switch (result) {
            case DecodeResult.Decoded d -> {
                message(o, d.message(), header);
                if (!d.discarded().isEmpty()) {
                    o.set("error", error(d.discarded(), null));
                }
            }
            case DecodeResult.TreatAsWithdraw t -> {
                message(o, t.update(), header);
                o.set("error", error(t.errors(), t.withdrawals()));
            }
            case DecodeResult.SessionReset s -> {
                MessageType type = header.typeCode() < 0 ? null : MessageType.of(header.typeCode());
                if (type != null) {
                    o.put("type", typeName(type));
                } else if (header.typeCode() >= 0) {
                    o.put("typeCode", header.typeCode());
                }
                if (header.length() >= 0) {
                    o.put("length", header.length());
                }
                o.set("error", error(List.of(s.error()), null));
            }
        }
        return o;
    }

    /** True when the result reports any RFC 7606 error, an attribute discarded included. */
    static boolean malformed(DecodeResult result) {
        return switch (result) {
            case DecodeResult.Decoded d -> !d.discarded().isEmpty();
            case DecodeResult.TreatAsWithdraw t -> true;
            case DecodeResult.SessionReset s -> true;
        };
    }

    private static void message(ObjectNode o, BgpMessage message, Header header) {
        o.put("type", typeName(message.type()));
        o.put("length", header.length());
        switch (message) {
            case Keepalive k -> { }
            case Open open -> open(o, open);
            case Update update -> update(o, update);
            case Notification n -> {
                notification(o, n.code(), n.subcode(), n.data());
                n.shutdownCommunication().ifPresent(text -> o.put("shutdownCommunication", text));
            }
            case RouteRefresh r -> o.put("family", r.family().toString()).put("subtype", r.subtype())
                    .put("subtypeName", r.subtypeName());
        }
    }

    private static void open(ObjectNode o, Open open) {
        o.put("version", Open.VERSION);
        o.put("myAs", open.myAs());
        o.put("asNumber", open.asNumber());
        o.put("holdTime", open.holdTime());
        o.put("bgpIdentifier", open.bgpIdentifierString());
        ArrayNode caps = o.putArray("capabilities");
        for (Capability c : open.capabilities()) {
            caps.add(CapabilityJson.of(c));
        }
    }

    private static void update(ObjectNode o, Update update) {
        update.endOfRib().ifPresent(f -> o.put("endOfRib", f.toString()));
        o.set("withdrawn", AttributeJson.prefixes(update.withdrawn()));
        o.set("attributes", AttributeJson.attributes(update.attributes()));
        if (update.mpReach() != null) {
            o.set("mpReach", AttributeJson.mpReach(update.mpReach()));
        }
        if (update.mpUnreach() != null) {
            o.set("mpUnreach", AttributeJson.mpUnreach(update.mpUnreach()));
        }
        o.set("nlri", AttributeJson.prefixes(update.nlri()));
    }

    /**
     * The error object: the strongest action and the first error that calls for it, its
     * NOTIFICATION, the prefixes to withdraw for treat-as-withdraw, the attributes discarded,
     * and any further errors.
     */
    private static ObjectNode error(List<Malformation> errors, Map<AfiSafi, PrefixList> withdrawals) {
        ErrorAction strongest = ErrorAction.ATTRIBUTE_DISCARD;
        for (Malformation m : errors) {
            strongest = strongest.strongest(m.action());
        }
        Malformation main = null;
        for (Malformation m : errors) {
            if (m.action() == strongest) {
                main = m;
                break;
            }
        }
        ObjectNode o = JSON.objectNode();
        o.put("action", actionName(strongest));
        o.put("reason", main.reason());
        o.set("notification", notification(JSON.objectNode(), main.code(), main.subcode(), main.data()));
        if (withdrawals != null) {
            ObjectNode withdraw = o.putObject("withdraw");
            withdrawals.forEach((family, prefixes) -> withdraw.set(family.toString(), AttributeJson.prefixes(prefixes)));
        }
        List<Malformation> discarded = new ArrayList<>();
        List<Malformation> others = new ArrayList<>();
        for (Malformation m : errors) {
            if (m.action() == ErrorAction.ATTRIBUTE_DISCARD) {
                discarded.add(m);
            } else if (m != main) {
                others.add(m);
            }
        }
        if (!discarded.isEmpty()) {
            ArrayNode list = o.putArray("discarded");
            discarded.forEach(m -> list.add(malformation(m)));
        }
        if (!others.isEmpty()) {
            ArrayNode list = o.putArray("otherErrors");
            others.forEach(m -> list.add(malformation(m).put("action", actionName(m.action()))));
        }
        return o;
    }

    private static ObjectNode malformation(Malformation m) {
        ObjectNode o = JSON.objectNode();
        o.put("reason", m.reason());
        o.set("notification", notification(JSON.objectNode(), m.code(), m.subcode(), m.data()));
        return o;
    }

    /** Code, subcode, their names (RFC 4271 section 4.5 and the RFCs adding subcodes) and the data in hex. */
    private static ObjectNode notification(ObjectNode o, int code, int subcode, byte[] data) {
        o.put("code", code);
        o.put("codeName", NotificationError.codeName(code));
        o.put("subcode", subcode);
        NotificationError named = NotificationError.of(code, subcode);
        if (named != null) {
            o.put("subcodeName", named.description());
        }
        o.put("data", HexFormat.of().formatHex(data));
        return o;
    }

    private static String actionName(ErrorAction action) {
        return switch (action) {
            case SESSION_RESET -> "session-reset";
            case TREAT_AS_WITHDRAW -> "treat-as-withdraw";
            case ATTRIBUTE_DISCARD -> "attribute-discard";
        };
    }

    /** The message names of RFC 4271 and RFC 2918 as they are written there. */
    static String typeName(MessageType type) {
        return type == MessageType.ROUTE_REFRESH ? "ROUTE-REFRESH" : type.name();
    }
}
