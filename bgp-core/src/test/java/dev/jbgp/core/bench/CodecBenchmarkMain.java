package dev.jbgp.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CodecBenchmark} with JMH's GC profiler and prints what the scores mean for a
 * table: prefixes per second and bytes allocated per prefix. Takes JMH's command-line
 * options (a benchmark regex, {@code -wi}, {@code -i}, {@code -p buffer=heap}...).
 */
public final class CodecBenchmarkMain {
    private CodecBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(CodecBenchmark.class.getName());
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals(GCProfiler.class.getName()))) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.printf("Machine: %d cores (%s), %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        System.out.printf("%-12s %-7s %12s %16s %16s%n", "benchmark", "buffer", "ms/table", "prefixes/s", "B alloc/prefix");
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            var primary = r.getPrimaryResult();
            double ms = primary.getScore() * millisPer(primary.getScoreUnit());
            double perSecond = CodecBenchmark.PREFIXES / (ms / 1000);
            double bytesPerPrefix = allocatedPerOp(r) / CodecBenchmark.PREFIXES;
            double error = 100 * primary.getScoreError() / primary.getScore();
            String spread = Double.isNaN(error) ? "      " : String.format("±%3.0f%%", error);
            System.out.printf("%-12s %-7s %8.1f %s %14.2fM %16.2f%n", method, r.getParams().getParam("buffer"), ms,
                    spread, perSecond / 1e6, bytesPerPrefix);
        }
    }

    /** JMH reports average time in the unit the benchmark names, e.g. "ms/op". */
    private static double millisPer(String unit) {
        String u = unit.substring(0, unit.indexOf('/'));
        TimeUnit tu = switch (u) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            default -> throw new IllegalArgumentException("average-time unit expected, not " + unit);
        };
        return tu.toNanos(1) / 1e6;
    }

    /** gc.alloc.rate.norm: bytes allocated per operation (the name has a "·" prefix in older JMH). */
    private static double allocatedPerOp(RunResult r) {
        for (String name : r.getSecondaryResults().keySet()) {
            if (name.endsWith("gc.alloc.rate.norm")) {
                return r.getSecondaryResults().get(name).getScore();
            }
        }
        return Double.NaN;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
