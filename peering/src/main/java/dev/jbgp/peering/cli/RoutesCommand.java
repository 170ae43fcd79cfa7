package dev.jbgp.peering.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.admin.AdminServer;
import dev.jbgp.peering.admin.RouteListing;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code jbgp routes}: the Loc-RIB of a running daemon, every path of every prefix, laid out as
 * {@code birdc show route all}, with why each path is or is not the best. Exit status 0 when
 * printed, 1 when no daemon answers or the asked-for network is not in the table, 2 for a usage
 * error.
 */
final class RoutesCommand {
    static final String USAGE = """
            usage: jbgp routes [--admin ADDRESS:PORT] [PREFIX | ADDRESS]

            Prints the Loc-RIB of the running jbgp daemon as 'birdc show route all' prints
            BIRD's: each prefix with every path, where it came from, its attributes and why it
            is or is not the best path. With PREFIX (198.19.21.64/26), that prefix only; with
            ADDRESS (198.19.21.70), the most specific prefix that holds it.

            In the first line of a path, '*' marks the best path and '+' another path used for
            multipath; [AS64512i] is the origin AS and the origin (i IGP, e EGP, ? incomplete).

              --admin ADDRESS:PORT  the daemon's admin API (default %s)

            Exit status: 0 printed, 1 jbgp is not running or the network is not in the table,
            2 usage error.
            """.formatted(AdminServer.DEFAULT_ADDRESS);

    private RoutesCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        AdminOptions options;
        try {
            options = AdminOptions.parse(args);
            if (options.operands().size() > 1) {
                throw new IllegalArgumentException("one prefix or address at most, not " + options.operands().size());
            }
            for (String network : options.operands()) {
                try {
                    Prefix.parse(network);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a prefix or an address: " + network, e);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("jbgp routes: " + e.getMessage());
            err.println("Try 'jbgp routes --help'.");
            return Jbgp.USAGE_ERROR;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        String query = "";
        if (!options.operands().isEmpty()) {
            String network = options.operands().getFirst();
            query = (network.contains("/") ? "?prefix=" : "?for=") + URLEncoder.encode(network, StandardCharsets.UTF_8);
        }
        AdminClient client = new AdminClient(options.admin());
        List<RouteView> routes;
        try {
            routes = client.get("/routes" + query, new TypeReference<>() { });
        } catch (AdminClient.NotRunning e) {
            err.println(StatusCommand.NOT_RUNNING);
            err.println("(nothing answers at " + e.getMessage() + ")");
            return 1;
        } catch (AdminClient.Failed e) {
            err.println("jbgp routes: " + e.getMessage());
            return 1;
        }
        if (routes.isEmpty() && !query.isEmpty()) {
            err.println("Network not in table");
            return 1;
        }
        out.print(RouteListing.render(routes));
        return 0;
    }
}
