package dev.jbgp.peering.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.jbgp.peering.StatusSnapshot;
import dev.jbgp.peering.admin.AdminServer;
import dev.jbgp.peering.admin.StatusTable;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code jbgp status}: the peers of a running daemon, read from its admin API and printed as
 * {@code calicoctl node status} prints BIRD's. Exit status 0 when printed, 1 when no daemon
 * answers (like calicoctl's "Calico process is not running."), 2 for a usage error.
 */
final class StatusCommand {
    static final String USAGE = """
            usage: jbgp status [--admin ADDRESS:PORT]

            Prints the BGP peers of the running jbgp daemon as 'calicoctl node status' prints
            BIRD's: peer address, peer type, state (up, start, down), since when (the time of
            day, or the date once 20 hours old) and BIRD's info (the BGP state and last error).

              --admin ADDRESS:PORT  the daemon's admin API (default %s)

            Exit status: 0 printed, 1 jbgp is not running or did not answer, 2 usage error.
            """.formatted(AdminServer.DEFAULT_ADDRESS);

    static final String NOT_RUNNING = "jbgp is not running.";

    private StatusCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err, ZoneId zone) {
        AdminOptions options;
        try {
            options = AdminOptions.parse(args);
            if (!options.operands().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument " + options.operands().getFirst());
            }
        } catch (IllegalArgumentException e) {
            err.println("jbgp status: " + e.getMessage());
            err.println("Try 'jbgp status --help'.");
            return Jbgp.USAGE_ERROR;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        AdminClient client = new AdminClient(options.admin());
        try {
            StatusSnapshot snapshot = client.get("/status", new TypeReference<>() { });
            out.print(StatusTable.render(snapshot, zone));
            return 0;
        } catch (AdminClient.NotRunning e) {
            err.println(NOT_RUNNING);
            err.println("(nothing answers at " + e.getMessage() + ")");
            return 1;
        } catch (AdminClient.Failed e) {
            err.println("jbgp status: " + e.getMessage());
            return 1;
        }
    }
}
