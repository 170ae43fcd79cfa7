package dev.jbgp.examples.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The route-reflector scale benchmark (not a test): one reflector, N jbgp clients on loopback,
 * each announcing one /26; how long until every client holds every other client's block, and
 * what the reflector's process spent. {@code examples/rr-scale/run.sh} runs it once with jbgp
 * and once with BIRD 2 as the reflector, each in a fresh JVM, and prints the table.
 *
 * <pre>{@code
 * java -cp examples/target/classes:peering/target/jbgp.jar dev.jbgp.examples.scale.RrScale \
 *     run --reflector jbgp --jbgp-jar peering/target/jbgp.jar --clients 200 --out jbgp.result
 * java -cp ... dev.jbgp.examples.scale.RrScale run --reflector bird --clients 200 --out bird.result
 * java -cp ... dev.jbgp.examples.scale.RrScale table jbgp.result bird.result
 * }</pre>
 */
public final class RrScale {
    static final String USAGE = """
            usage: RrScale run --reflector jbgp|bird --out FILE [options]
                   RrScale table FILE...

            run: one reflector process and N jbgp clients in this JVM on loopback (127.0.0.1 and
            127.1.0.0/16); writes the figures to FILE.
              --clients N             how many clients (default 200)
              --port P                the reflector's TCP port (default: a free one)
              --work DIR              where configurations and the reflector's log go (default: a new temporary directory)
              --timeout-seconds S     the longest the clients may take to converge (default 600)
              --settle-seconds S      the wait between the readings at convergence and at the end (default 5)
              --warm-up-rounds N      rehearsals that warm the client JVM up before the measured run (default 2)
              --jbgp-jar JAR          run jbgp as java -jar JAR (default: this JVM's class path)
              --jbgp-java-opts OPTS   the jbgp reflector's JVM options (default: "%s")
              --bird PATH             the BIRD 2 binary (default /usr/sbin/bird)

            table: the results of runs side by side (for two, with the ratio of the first to the second).
            """.formatted(RrScale.DEFAULT_JBGP_JAVA_OPTS);

    /** The node daemon's small JVM, as the lab runs it (examples/lab/lab.sh). */
    public static final String DEFAULT_JBGP_JAVA_OPTS = "-XX:+UseSerialGC -Xms8m -Xmx64m -XX:+UseCompactObjectHeaders"
            + " -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -Xss512k -Dio.netty.allocator.numDirectArenas=1"
            + " -Dio.netty.allocator.numHeapArenas=1";

    private RrScale() {
    }

    public static void main(String[] args) {
        // 200 speakers in this JVM: their session log lines would bury the progress.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            return switch (args.getFirst()) {
                case "run" -> runOne(args.subList(1, args.size()), err);
                case "table" -> table(args.subList(1, args.size()), out);
                default -> throw new IllegalArgumentException("unknown command " + args.getFirst());
            };
        } catch (IllegalArgumentException e) {
            err.println("RrScale: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("RrScale: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("RrScale: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("RrScale: interrupted");
            return 1;
        }
    }

    private static int table(List<String> files, PrintStream out) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("table needs result files");
        }
        List<ScaleResult> results = new ArrayList<>();
        for (String f : files) {
            results.add(ScaleResult.read(Path.of(f)));
        }
        out.print(ResultTable.render(results));
        for (ScaleResult r : results) {
            out.println(r.reflector() + ": " + r.command());
        }
        return 0;
    }

    private static int runOne(List<String> args, PrintStream progress) throws IOException, InterruptedException {
        String reflectorName = null;
        Path outFile = null;
        int clients = 200;
        int port = 0;
        Path work = null;
        long timeout = 600;
        long settle = 5;
        int warmUpRounds = 2;
        String jar = null;
        String javaOpts = DEFAULT_JBGP_JAVA_OPTS;
        String bird = "/usr/sbin/bird";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = value(args, ++i, a);
            switch (a) {
                case "--reflector" -> reflectorName = v;
                case "--out" -> outFile = Path.of(v);
                case "--clients" -> clients = Integer.parseInt(v);
                case "--port" -> port = Integer.parseInt(v);
                case "--work" -> work = Path.of(v);
                case "--timeout-seconds" -> timeout = Long.parseLong(v);
                case "--settle-seconds" -> settle = Long.parseLong(v);
                case "--warm-up-rounds" -> warmUpRounds = Integer.parseInt(v);
                case "--jbgp-jar" -> jar = v;
                case "--jbgp-java-opts" -> javaOpts = v;
                case "--bird" -> bird = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (reflectorName == null || outFile == null) {
            throw new IllegalArgumentException("run needs --reflector and --out");
        }
        Reflector reflector = switch (reflectorName) {
            case "jbgp" -> new Reflector.Jbgp(jbgpCommand(jar, javaOpts));
            case "bird" -> new Reflector.Bird(bird);
            default -> throw new IllegalArgumentException("--reflector is jbgp or bird, not " + reflectorName);
        };
        if (work == null) {
            work = Files.createTempDirectory("rr-scale");
        }
        Files.createDirectories(work);
        ScaleLayout layout = ScaleLayout.of(clients, port == 0 ? Reflector.freePort() : port);
        ScaleResult result = new ScaleRun(reflector, layout, work, Duration.ofSeconds(timeout),
                Duration.ofSeconds(settle), warmUpRounds, progress).run();
        result.write(outFile);
        return 0;
    }

    /** {@code java OPTS -jar JAR}, or with no jar {@code java OPTS -cp <this class path> dev.jbgp.peering.cli.Jbgp}. */
    static List<String> jbgpCommand(String jar, String javaOpts) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM")));
        if (jar == null) {
            command.add("--enable-native-access=ALL-UNNAMED"); // the jar's manifest says so itself
        }
        for (String o : javaOpts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        if (jar != null) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jbgp.peering.cli.Jbgp"));
        }
        return command;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
