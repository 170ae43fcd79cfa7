package dev.jbgp.peering.config;

/**
 * One thing wrong with a configuration: which resource, which field, the value found, and why
 * it is refused. Printed as {@code BGPPeer "tor1": spec.asNumber: "abc" is not an AS number}.
 *
 * @param kind the resource's kind ({@code BGPPeer}), or null when the document has none or does not parse
 * @param name the resource's {@code metadata.name}, or null when it has none
 * @param field the path of the field within the resource ({@code spec.peerIP}), or null for the resource as a whole
 * @param value the value as the file spells it, strings in double quotes; null when the field is missing
 * @param message why it is refused, worded to follow the value ({@code is not an AS number})
 */
public record ResourceError(String kind, String name, String field, String value, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (kind != null) {
            s.append(kind);
            if (name != null) {
                s.append(" \"").append(name).append('"');
            }
            s.append(": ");
        }
        if (field != null) {
            s.append(field).append(": ");
        }
        if (value != null) {
            s.append(value).append(' ');
        }
        return s.append(message).toString();
    }
}
