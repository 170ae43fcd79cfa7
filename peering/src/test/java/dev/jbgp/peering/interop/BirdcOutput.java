package dev.jbgp.peering.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What BIRD 2's {@code birdc} prints for {@code show protocols} and {@code show route [all]}, read into records. */
final class BirdcOutput {

    /**
     * One line of {@code show protocols}.
     *
     * @param name the protocol's name
     * @param protocol its kind: {@code BGP}, {@code Kernel}, {@code Static}, ...
     * @param table its table, {@code ---} for BGP (a channel each)
     * @param state {@code up}, {@code start}, {@code down}, ...
     * @param since when the state last changed
     * @param info the BGP state and last error ({@code Established}, {@code Active Socket: Connection refused})
     */
    record Protocol(String name, String protocol, String table, String state, String since, String info) {

        boolean established() {
            return state.equals("up") && info.startsWith("Established");
        }
    }

    /**
     * One route of {@code show route [all]}.
     *
     * @param table the table it is in ({@code master4})
     * @param prefix the network
     * @param type {@code unicast}, {@code blackhole}, {@code unreachable}, {@code prohibited}
     * @param protocol the protocol that brought it
     * @param primary the best route for the prefix ({@code *})
     * @param preference its preference
     * @param nextHops the {@code via} addresses, several for a multipath route
     * @param devices the devices the next hops are on ({@code on eth0}, {@code dev eth0})
     * @param attributes with {@code all}: {@code Type}, {@code BGP.as_path}, {@code BGP.next_hop}, ...
     */
    record Route(String table, String prefix, String type, String protocol, boolean primary, int preference,
            List<String> nextHops, List<String> devices, Map<String, String> attributes) {

        /** The AS numbers of {@code BGP.as_path} (with {@code all}), in order; empty for a local route. */
        List<Long> asPath() {
            String path = attributes.getOrDefault("BGP.as_path", "").strip();
            List<Long> out = new ArrayList<>();
            for (String token : path.split("[\\s{}(),]+")) {
                if (!token.isEmpty()) {
                    out.add(Long.parseLong(token));
                }
            }
            return out;
        }
    }

    private static final Pattern TABLE = Pattern.compile("Table (\\S+):");
    // "198.19.20.0/24       unicast [gobgp 09:27:41.475] * (100) [AS64513i]", the prefix blank
    // on a second route for the same prefix.
    private static final Pattern ROUTE = Pattern.compile(
            "(\\S+)?\\s+(unicast|blackhole|unreachable|prohibited)\\s+\\[(\\S+)(?:\\s[^\\]]*)?\\]\\s*(\\*)?\\s*\\((\\d+)(?:/[^)]*)?\\).*");
    private static final Pattern VIA = Pattern.compile("via (\\S+)(?: on (\\S+))?.*");
    private static final Pattern DEV = Pattern.compile("dev (\\S+).*");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][\\w.]*): ?(.*)");

    private BirdcOutput() {
    }

    /** The protocols of {@code show protocols} output. */
    static List<Protocol> protocols(String output) {
        List<Protocol> out = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.isBlank() || isGreeting(line) || line.startsWith("Name ")) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 6);
            if (f.length < 5) {
                throw new IllegalArgumentException("not a line of show protocols: " + line);
            }
            out.add(new Protocol(f[0], f[1], f[2], f[3], f[4], f.length == 6 ? f[5].strip() : ""));
        }
        return out;
    }

    /** The routes of {@code show route} or {@code show route all} output, in the order printed. */
    static List<Route> routes(String output) {
        List<Route> out = new ArrayList<>();
        String table = "";
        String prefix = null;
        RouteBuilder current = null;
        for (String line : output.lines().toList()) {
            if (line.isBlank() || isGreeting(line)) {
                continue;
            }
            Matcher m = TABLE.matcher(line);
            if (m.matches()) {
                table = m.group(1);
                continue;
            }
            m = ROUTE.matcher(line);
            if (m.matches()) {
                if (current != null) {
                    out.add(current.build());
                }
                if (m.group(1) != null) {
                    prefix = m.group(1);
                }
                if (prefix == null) {
                    throw new IllegalArgumentException("a route without a prefix: " + line);
                }
                current = new RouteBuilder(table, prefix, m.group(2), m.group(3), m.group(4) != null,
                        Integer.parseInt(m.group(5)));
                continue;
            }
            if (current == null || !Character.isWhitespace(line.charAt(0))) {
                throw new IllegalArgumentException("not a line of show route: " + line);
            }
            String detail = line.strip();
            if ((m = VIA.matcher(detail)).matches()) {
                current.nextHops.add(m.group(1));
                if (m.group(2) != null) {
                    current.devices.add(m.group(2));
                }
            } else if ((m = DEV.matcher(detail)).matches()) {
                current.devices.add(m.group(1));
            } else if ((m = ATTRIBUTE.matcher(detail)).matches()) {
                current.attributes.put(m.group(1), m.group(2).strip());
            } else {
                throw new IllegalArgumentException("not a line of show route: " + line);
            }
        }
        if (current != null) {
            out.add(current.build());
        }
        return out;
    }

    private static boolean isGreeting(String line) {
        return line.startsWith("BIRD ") && line.endsWith("ready.");
    }

    private static final class RouteBuilder {
        final String table;
        final String prefix;
        final String type;
        final String protocol;
        final boolean primary;
        final int preference;
        final List<String> nextHops = new ArrayList<>();
        final List<String> devices = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();

        RouteBuilder(String table, String prefix, String type, String protocol, boolean primary, int preference) {
            this.table = table;
            this.prefix = prefix;
            this.type = type;
            this.protocol = protocol;
            this.primary = primary;
            this.preference = preference;
        }

        Route build() {
            return new Route(table, prefix, type, protocol, primary, preference, List.copyOf(nextHops),
                    List.copyOf(devices), Map.copyOf(attributes));
        }
    }
}
