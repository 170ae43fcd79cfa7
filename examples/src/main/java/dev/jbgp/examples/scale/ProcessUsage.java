package dev.jbgp.examples.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a process has used so far, as Linux counts it in {@code /proc/<pid>}: the peak and current
 * resident set ({@code VmHWM}, {@code VmRSS} of {@code status}) and the CPU time spent in user and
 * kernel mode ({@code utime + stime} of {@code stat}).
 *
 * @param peakRssKib the largest resident set so far, KiB
 * @param rssKib the resident set now, KiB
 * @param cpuSeconds user plus system CPU time, seconds
 */
public record ProcessUsage(long peakRssKib, long rssKib, double cpuSeconds) {

    private static final Path PROC = Path.of("/proc");
    private static volatile long clockTicks;

    /** The usage of process {@code pid} now. */
    public static ProcessUsage of(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            String status = Files.readString(dir.resolve("status"), StandardCharsets.US_ASCII);
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            long ticks = parseCpuTicks(stat);
            return new ProcessUsage(statusKib(status, "VmHWM"), statusKib(status, "VmRSS"),
                    (double) ticks / clockTicks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage of process " + pid, e);
        }
    }

    /** A {@code kB} line of {@code /proc/<pid>/status}, such as {@code VmHWM:	   41236 kB}. */
    static long statusKib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).trim();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("unexpected " + field + " line: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 3).trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " in the process status");
    }

    /**
     * {@code utime + stime} of a {@code /proc/<pid>/stat} line, in clock ticks. The second field,
     * the command name in parentheses, may itself hold spaces and parentheses, so fields are
     * counted from the last {@code ')'}: after it come state (field 3), ..., utime (14), stime (15).
     */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split(" +");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** The kernel's clock ticks per second for these counters (USER_HZ, {@code getconf CLK_TCK}). */
    private static long clockTicks() {
        long t = clockTicks;
        if (t == 0) {
            t = askGetconf();
            clockTicks = t;
        }
        return t;
    }

    private static long askGetconf() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
            throw new IllegalStateException("getconf CLK_TCK failed: " + out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run getconf CLK_TCK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking getconf CLK_TCK", e);
        }
    }
}
