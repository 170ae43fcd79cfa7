package dev.jbgp.peering.cli;

import dev.jbgp.peering.admin.AdminServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The command line of a command that reads the daemon's admin API: {@code --admin ADDRESS:PORT}, then operands. */
record AdminOptions(InetSocketAddress admin, boolean help, List<String> operands) {

    /** Reads {@code args}; an unknown option or a bad address is an {@link IllegalArgumentException}. */
    static AdminOptions parse(List<String> args) {
        String admin = AdminServer.DEFAULT_ADDRESS;
        boolean help = false;
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--admin")) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException("--admin needs an address:port, like " + AdminServer.DEFAULT_ADDRESS);
                }
                admin = args.get(++i);
            } else if (arg.startsWith("--admin=")) {
                admin = arg.substring("--admin=".length());
            } else if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                operands.add(arg);
            }
        }
        return new AdminOptions(AdminServer.parseAddress(admin), help, List.copyOf(operands));
    }
}
