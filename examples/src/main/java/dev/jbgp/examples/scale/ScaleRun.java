package dev.jbgp.examples.scale;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One run: the client JVM is warmed up ({@link WarmUp}, {@code warmUpRounds} times), the client
 * fleet is built, the reflector's process is launched, and once it listens every client
 * connects; the run ends when every client holds every other client's block, or fails when
 * {@code timeout} passes first. The reflector's usage is read when it listens, at convergence
 * and again after {@code settle}; then the clients stop and the reflector gets SIGTERM (SIGKILL
 * if it has not exited 10 s later), on failure too.
 *
 * @param reflector the reflector to run
 * @param layout the addresses, port and blocks
 * @param work where the configuration, the reflector's log and its PID file go
 * @param timeout the longest the clients may take to converge
 * @param settle the wait between the readings at convergence and at the end
 * @param warmUpRounds how many rehearsals warm the client JVM up first (0 for none)
 * @param progress where progress lines go
 */
public record ScaleRun(Reflector reflector, ScaleLayout layout, Path work, Duration timeout, Duration settle,
        int warmUpRounds, PrintStream progress) {

    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** The file the reflector's PID is in while it runs, for a script to clean up after a crash of this JVM. */
    public Path pidFile() {
        return work.resolve("reflector.pid");
    }

    public Path logFile() {
        return work.resolve("reflector.log");
    }

    public ScaleResult run() throws IOException, InterruptedException {
        List<String> command = reflector.prepare(work, layout);
        for (int i = 1; i <= warmUpRounds; i++) {
            Duration took = WarmUp.run(layout, timeout);
            progress.printf("%s: warm-up %d of %d: %d clients converged through a jbgp reflector in this JVM in %s s%n",
                    reflector.name(), i, warmUpRounds, layout.clients().size(), seconds(took));
        }
        progress.printf("%s: starting %d clients in this JVM%n", reflector.name(), layout.clients().size());
        try (ClientFleet fleet = new ClientFleet(layout)) {
            progress.printf("%s: %s%n", reflector.name(), String.join(" ", command));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile().toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            long launched = System.nanoTime();
            Thread stopOnExit = Thread.ofPlatform().unstarted(() -> stop(process));
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                Files.writeString(pidFile(), process.pid() + "\n", StandardCharsets.US_ASCII);
                return measure(fleet, process, launched, String.join(" ", command));
            } finally {
                fleet.close();
                stop(process);
                Files.deleteIfExists(pidFile());
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }

    private ScaleResult measure(ClientFleet fleet, Process process, long launched, String command)
            throws IOException, InterruptedException {
        long listenDeadline = launched + LISTEN_TIMEOUT.toNanos();
        while (!ListeningSockets.listening(layout.reflector(), layout.port())) {
            checkAlive(process);
            if (System.nanoTime() - listenDeadline > 0) {
                throw failure("does not listen on " + layout.reflector().getHostAddress() + " port " + layout.port()
                        + " after " + LISTEN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(POLL);
        }
        Duration listening = Duration.ofNanos(System.nanoTime() - launched);
        ProcessUsage atListening = ProcessUsage.of(process.pid());
        progress.printf("%s: listening after %s s; the clients connect%n", reflector.name(), seconds(listening));

        long self = ProcessHandle.current().pid();
        double clientCpuBefore = ProcessUsage.of(self).cpuSeconds();
        long overflowsBefore = ListenOverflows.now();
        fleet.connect();
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        boolean establishedShown = false;
        // A session's state and the routes it brings reach the listeners on different threads.
        while (fleet.untilAllConverged() == null || fleet.untilAllEstablished() == null) {
            checkAlive(process);
            long now = System.nanoTime();
            if (now - start > timeout.toNanos()) {
                throw failure("the clients did not converge in " + timeout.toSeconds() + " s: " + state(fleet));
            }
            if (!establishedShown && fleet.untilAllEstablished() != null) {
                establishedShown = true;
                progress.printf("%s: all %d sessions Established after %s s%n", reflector.name(), fleet.size(),
                        seconds(fleet.untilAllEstablished()));
            }
            if (now - nextProgress > 0) {
                nextProgress = now + PROGRESS_EVERY.toNanos();
                progress.printf("%s: %s%n", reflector.name(), state(fleet));
            }
            Thread.sleep(POLL);
        }
        ProcessUsage atConvergence = ProcessUsage.of(process.pid());
        double clientCpu = ProcessUsage.of(self).cpuSeconds() - clientCpuBefore;
        long overflows = ListenOverflows.now() - overflowsBefore;
        progress.printf("%s: every client holds all %d other blocks after %s s; settling %d s%n", reflector.name(),
                fleet.size() - 1, seconds(fleet.untilAllConverged()), settle.toSeconds());
        if (fleet.wrongNextHops() > 0) {
            throw failure(fleet.wrongNextHops() + " routes came with a next hop other than their owner's");
        }
        Thread.sleep(settle);
        checkAlive(process);
        ProcessUsage atEnd = ProcessUsage.of(process.pid());
        return new ScaleResult(reflector.name(), command, fleet.size(), listening, atListening,
                fleet.untilAllEstablished(), fleet.untilAllConverged(), atConvergence, atEnd, settle, clientCpu,
                warmUpRounds, overflows);
    }

    private void checkAlive(Process process) throws IOException {
        if (!process.isAlive()) {
            throw failure("exited with status " + process.exitValue());
        }
    }

    private IOException failure(String what) throws IOException {
        List<String> log = Files.exists(logFile()) ? Files.readAllLines(logFile(), StandardCharsets.UTF_8) : List.of();
        String tail = String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size()));
        return new IOException(reflector.name() + ": " + what + "\n--- the last lines of " + logFile() + ":\n" + tail);
    }

    private static String state(ClientFleet fleet) {
        return "%d/%d sessions Established, %d/%d clients hold every block, the fewest held is %d of %d, %d wrong next hops"
                .formatted(fleet.established(), fleet.size(), fleet.converged(), fleet.size(), fleet.fewestBlocksHeld(),
                        fleet.size() - 1, fleet.wrongNextHops());
    }

    /** SIGTERM, then SIGKILL if the process is still there 10 s later. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }
}
