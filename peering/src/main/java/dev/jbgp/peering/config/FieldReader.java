package dev.jbgp.peering.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.calico.Selector;
import dev.jbgp.peering.calico.SelectorSyntaxException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one resource from its YAML tree, recording each bad value as a
 * {@link ResourceError} (kind, name, field path, value, why) instead of stopping at the first:
 * a bad field reads as null, so the rest of the resource is still checked. Fields the reader
 * is not asked about are never looked at, which is how unknown fields are ignored.
 */
final class FieldReader {
    private static final int MAX_VALUE_TEXT = 60;

    private final String kind;
    private final String name;
    private final List<ResourceError> errors;

    FieldReader(String kind, String name, List<ResourceError> errors) {
        this.kind = kind;
        this.name = name;
        this.errors = errors;
    }

    void error(String field, JsonNode value, String message) {
        errors.add(new ResourceError(kind, name, field, render(value), message));
    }

    /** An error about a field whose value is not shown (missing, or a secret). */
    void error(String field, String message) {
        errors.add(new ResourceError(kind, name, field, null, message));
    }

    /** The value as the file spells it: strings in double quotes, other scalars bare, objects as JSON, shortened. */
    static String render(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        String text = value.isTextual() ? quote(value.textValue()) : value.toString();
        return text.length() > MAX_VALUE_TEXT ? text.substring(0, MAX_VALUE_TEXT) + "..." : text;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The child at {@code key}, or null when absent or YAML null. */
    static JsonNode child(JsonNode parent, String key) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode v = parent.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A mapping, or null when absent; anything else is an error. */
    JsonNode object(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v != null && !v.isObject()) {
            error(path, v, "is not a mapping");
            return null;
        }
        return v;
    }

    /** A list, empty when absent; anything else is an error. */
    List<JsonNode> array(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            error(path, v, "is not a list");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(v.size());
        v.forEach(items::add);
        return items;
    }

    /** A string, or null when absent; numbers and booleans are errors (quote them in the file). */
    String string(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            error(path, v, "is not a string");
            return null;
        }
        return v.textValue();
    }

    /** A string that must be there and not be empty. */
    String requiredString(JsonNode parent, String key, String path) {
        if (child(parent, key) == null) {
            error(path, "is required");
            return null;
        }
        String s = string(parent, key, path);
        if (s != null && s.isEmpty()) {
            error(path, child(parent, key), "must not be empty");
            return null;
        }
        return s;
    }

    Boolean bool(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        error(path, v, "is not true or false");
        return null;
    }

    /** An integer from {@code min} to {@code max}, or null when absent. */
    Integer integer(JsonNode parent, String key, String path, int min, int max) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        Long n = v.isIntegralNumber() && v.canConvertToLong() ? (Long) v.longValue()
                : v.isTextual() && v.textValue().matches("-?[0-9]{1,10}") ? (Long) Long.parseLong(v.textValue())
                : null;
        if (n == null) {
            error(path, v, "is not a whole number");
            return null;
        }
        if (n < min || n > max) {
            error(path, v, "is out of range (" + min + " to " + max + ")");
            return null;
        }
        return n.intValue();
    }

    /** An AS number (a number or a string; {@code 1.10} asdot too), or null when absent. */
    Long asNumber(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        long as = parseAsNumber(v);
        if (as < 0) {
            error(path, v, "is not an AS number");
            return null;
        }
        if (as == 0 || as > 0xFFFF_FFFFL) {
            error(path, v, "is not an AS number (1 to 4294967295)");
            return null;
        }
        return as;
    }

    /** The AS number, or -1 when the value is not one; range is checked by the caller. */
    static long parseAsNumber(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() && v.longValue() >= 0 ? Math.min(v.longValue(), 1L << 33) : -1;
        }
        if (!v.isTextual()) {
            return -1;
        }
        String s = v.textValue().trim();
        if (s.matches("[0-9]{1,11}")) {
            return Long.parseLong(s);
        }
        // numorstring.ASNumber takes "asdot" too (RFC 5396): high.low, each 16 bits.
        if (s.matches("[0-9]{1,5}\\.[0-9]{1,5}")) {
            int dot = s.indexOf('.');
            long high = Long.parseLong(s.substring(0, dot));
            long low = Long.parseLong(s.substring(dot + 1));
            return high <= 0xFFFF && low <= 0xFFFF ? high << 16 | low : 1L << 33;
        }
        return -1;
    }

    /** A Kubernetes duration as Go writes it ({@code 120s}, {@code 1m30s}, {@code 1.5h}), or null when absent. */
    Duration duration(JsonNode parent, String key, String path) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        Duration d = v.isTextual() ? parseDuration(v.textValue()) : null;
        if (d == null) {
            error(path, v, "is not a duration (such as \"90s\" or \"2m\")");
        }
        return d;
    }

    /**
     * Go's {@code time.ParseDuration}, without negative values: numbers with an optional
     * fraction, each followed by a unit (ns, us, µs, ms, s, m, h); "0" alone is zero. Null when
     * the text is not one.
     */
    static Duration parseDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return null;
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            long unit = switch (text.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 0L;
            };
            if (unit == 0) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** An IP address, or null when the text is not one. */
    static InetAddress parseAddress(String text) {
        return text != null && InetAddresses.isInetAddress(text) ? InetAddresses.forString(text) : null;
    }

    /**
     * A prefix in CIDR notation, or null when absent or bad. With {@code strict}, bits past the
     * length must be zero ({@code 10.0.0.0/8}, not {@code 10.1.0.0/8}), as Calico wants of pools.
     */
    Prefix cidr(JsonNode parent, String key, String path, boolean strict) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            error(path, v, "is not a CIDR");
            return null;
        }
        return cidr(v, path, strict);
    }

    Prefix cidr(JsonNode v, String path, boolean strict) {
        String text = v.isTextual() ? v.textValue() : "";
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int max = address == null ? 0 : address.getAddress().length * 8;
        Integer length = slash < 0 ? null : parseLength(text.substring(slash + 1), max);
        if (address == null || slash < 0 || length == null) {
            error(path, v, "is not a CIDR (such as \"10.0.0.0/16\")");
            return null;
        }
        Prefix p = Prefix.of(address, length);
        if (strict && !p.address().equals(address)) {
            error(path, v, "has bits set past its length: the network is " + p);
            return null;
        }
        return p;
    }

    /** An address with an optional length ({@code 198.19.0.2/20}); {@code ipv6} says which family it must be. */
    NodeAddress nodeAddress(JsonNode parent, String key, String path, boolean ipv6) {
        JsonNode v = child(parent, key);
        if (v == null) {
            return null;
        }
        String text = v.isTextual() ? v.textValue() : "";
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int max = ipv6 ? 128 : 32;
        Integer length = slash < 0 ? (Integer) max : parseLength(text.substring(slash + 1), max);
        if (address == null || length == null || (address.getAddress().length == 16) != ipv6) {
            error(path, v, "is not an " + (ipv6 ? "IPv6" : "IPv4") + " address (such as \""
                    + (ipv6 ? "fd00:198:19::2/64" : "198.19.0.2/20") + "\")");
            return null;
        }
        return new NodeAddress(address, length);
    }

    private static Integer parseLength(String text, int max) {
        if (!text.matches("[0-9]{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(text);
        return n <= max ? n : null;
    }

    /**
     * A label selector, or null when absent or the empty string: Calico takes an empty string
     * field as unset. Blanks alone are a selector, as in Calico, and select everything.
     */
    Selector selector(JsonNode parent, String key, String path) {
        String text = string(parent, key, path);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            error(path, child(parent, key), "is not a selector: " + e.getMessage());
            return null;
        }
    }

    /** A map of strings (labels); scalar values are taken as their text, as Kubernetes labels are strings. */
    Map<String, String> stringMap(JsonNode parent, String key, String path) {
        JsonNode v = object(parent, key, path);
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null) {
            return map;
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                map.put(e.getKey(), "");
            } else if (value.isValueNode()) {
                map.put(e.getKey(), value.asText());
            } else {
                error(path + "." + e.getKey(), value, "is not a string");
            }
        }
        return map;
    }

    /** {@code {secretKeyRef: {name, key}}}, or null when absent. */
    SecretKeyRef secretKeyRef(JsonNode parent, String key, String path) {
        JsonNode v = object(parent, key, path);
        if (v == null) {
            return null;
        }
        JsonNode ref = object(v, "secretKeyRef", path + ".secretKeyRef");
        if (ref == null) {
            if (child(v, "secretKeyRef") == null) {
                error(path + ".secretKeyRef", "is required: a password is read from a Secret");
            }
            return null;
        }
        String refName = requiredString(ref, "name", path + ".secretKeyRef.name");
        String refKey = requiredString(ref, "key", path + ".secretKeyRef.key");
        return refName == null || refKey == null ? null : new SecretKeyRef(refName, refKey);
    }
}
