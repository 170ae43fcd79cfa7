package dev.jbgp.examples.scale;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The figures of one run against one reflector. Durations are from a nanosecond clock; the
 * convergence figures come from the clients' own events, not from polling.
 *
 * @param reflector the reflector's name ({@code jbgp}, {@code BIRD 2})
 * @param command the reflector's command line
 * @param clients how many clients
 * @param listening from launching the reflector's process until it listened on its port
 * @param atListening the reflector's usage then: what starting up cost
 * @param established from the clients' connecting until every session had been Established
 * @param converged from the clients' connecting until every client held every other client's block
 * @param atConvergence the reflector's usage when the last client converged
 * @param atEnd the reflector's usage {@code settle} later, every session still up
 * @param settle the wait between the two readings
 * @param clientCpuSeconds CPU time the client JVM spent from the clients' connecting to convergence
 * @param warmUpRounds how many rehearsals warmed the client JVM up before
 * @param listenOverflows handshakes the kernel dropped for full accept queues from the clients'
 *     connecting to convergence ({@link ListenOverflows}; all of the machine's listeners)
 */
public record ScaleResult(
        String reflector,
        String command,
        int clients,
        Duration listening,
        ProcessUsage atListening,
        Duration established,
        Duration converged,
        ProcessUsage atConvergence,
        ProcessUsage atEnd,
        Duration settle,
        double clientCpuSeconds,
        int warmUpRounds,
        long listenOverflows) {

    /** Writes the result as a properties file, which {@link #read} reads back. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("reflector", reflector);
        p.setProperty("command", command);
        p.setProperty("clients", Integer.toString(clients));
        p.setProperty("listening.nanos", Long.toString(listening.toNanos()));
        p.setProperty("established.nanos", Long.toString(established.toNanos()));
        p.setProperty("converged.nanos", Long.toString(converged.toNanos()));
        put(p, "listening", atListening);
        put(p, "convergence", atConvergence);
        put(p, "end", atEnd);
        p.setProperty("settle.nanos", Long.toString(settle.toNanos()));
        p.setProperty("client.cpu.seconds", Double.toString(clientCpuSeconds));
        p.setProperty("warm.up.rounds", Integer.toString(warmUpRounds));
        p.setProperty("listen.overflows", Long.toString(listenOverflows));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "rr-scale result");
        }
    }

    public static ScaleResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new ScaleResult(required(p, "reflector"), required(p, "command"),
                Integer.parseInt(required(p, "clients")), nanos(p, "listening"), usage(p, "listening"),
                nanos(p, "established"),
                nanos(p, "converged"), usage(p, "convergence"), usage(p, "end"), nanos(p, "settle"),
                Double.parseDouble(required(p, "client.cpu.seconds")), Integer.parseInt(required(p, "warm.up.rounds")),
                Long.parseLong(required(p, "listen.overflows")));
    }

    private static void put(Properties p, String at, ProcessUsage u) {
        p.setProperty(at + ".rss.peak.kib", Long.toString(u.peakRssKib()));
        p.setProperty(at + ".rss.kib", Long.toString(u.rssKib()));
        p.setProperty(at + ".cpu.seconds", Double.toString(u.cpuSeconds()));
    }

    private static ProcessUsage usage(Properties p, String at) {
        return new ProcessUsage(Long.parseLong(required(p, at + ".rss.peak.kib")),
                Long.parseLong(required(p, at + ".rss.kib")), Double.parseDouble(required(p, at + ".cpu.seconds")));
    }

    private static Duration nanos(Properties p, String key) {
        return Duration.ofNanos(Long.parseLong(required(p, key + ".nanos")));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("the result has no " + key);
        }
        return v;
    }
}
