package dev.jbgp.peering.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** The {@code jbgp} command: dispatches to its subcommands. Exit status 2 is a usage error. */
public final class Jbgp {
    /** The exit status for a command line that cannot be run: unknown command, bad option, bad input. */
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            usage: jbgp <command> [arguments]

            Commands:
              run       run the BGP daemon for a Calico node (jbgp run --config FILE --node NAME)
              demo      run the lab (a three-node mesh and an external router) in this process on loopback
              status    show the BGP peers of the running daemon, as 'calicoctl node status' does
              routes    show the routes of the running daemon, as 'birdc show route all' does
              decode    decode BGP messages given in hex and print them as JSON
              help      show this help, or 'jbgp help <command>' for a command's

            """;

    private Jbgp() {
    }

    public static void main(String[] args) {
        // One line per record, before any logger exists: time, level, the class, the message.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line; the streams are parameters so the command can run in-process. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return USAGE_ERROR;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "decode" -> DecodeCommand.run(rest, in, out, err);
            case "status" -> StatusCommand.run(rest, out, err, ZoneId.systemDefault());
            case "routes" -> RoutesCommand.run(rest, out, err);
            case "demo" -> DemoCommand.run(rest, out, err);
            case "run" -> RunCommand.run(rest, out, err, System.getenv());
            case "help", "-h", "--help" -> {
                String usage = rest.isEmpty() ? null : switch (rest.getFirst()) {
                    case "decode" -> DecodeCommand.USAGE;
                    case "status" -> StatusCommand.USAGE;
                    case "routes" -> RoutesCommand.USAGE;
                    case "demo" -> DemoCommand.USAGE;
                    case "run" -> RunCommand.USAGE;
                    default -> null;
                };
                if (usage != null) {
                    out.print(usage);
                    yield 0;
                }
                if (!rest.isEmpty()) {
                    err.println("jbgp: no help for unknown command '" + rest.getFirst() + "'");
                    err.print(USAGE);
                    yield USAGE_ERROR;
                }
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("jbgp: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield USAGE_ERROR;
            }
        };
    }
}
