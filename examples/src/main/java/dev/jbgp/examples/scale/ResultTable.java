package dev.jbgp.examples.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The results side by side, one column per reflector, and, for two, the ratio of the first to
 * the second: {@code 2.0x} means the first took twice the time or memory of the second.
 */
final class ResultTable {
    private ResultTable() {
    }

    private record Row(String label, String format, ToDoubleFunction<ScaleResult> value) {
    }

    static String render(List<ScaleResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results");
        }
        int clients = results.getFirst().clients();
        for (ScaleResult r : results) {
            if (r.clients() != clients) {
                throw new IllegalArgumentException("runs of " + clients + " and " + r.clients() + " clients do not compare");
            }
        }
        List<Row> rows = List.of(
                new Row("reflector launch -> listening (s)", "%.2f", r -> r.listening().toNanos() / 1e9),
                new Row("reflector CPU user+sys, when listening (s)", "%.2f", r -> r.atListening().cpuSeconds()),
                new Row("reflector RSS, VmRSS when listening (MiB)", "%.1f", r -> r.atListening().rssKib() / 1024.0),
                new Row("clients connect -> all sessions Established (s)", "%.2f", r -> r.established().toNanos() / 1e9),
                new Row("clients connect -> every client has all %d other blocks (s)".formatted(clients - 1), "%.2f",
                        r -> r.converged().toNanos() / 1e9),
                new Row("reflector CPU user+sys, at convergence (s)", "%.2f", r -> r.atConvergence().cpuSeconds()),
                new Row("reflector CPU user+sys, at end (s)", "%.2f", r -> r.atEnd().cpuSeconds()),
                new Row("reflector RSS peak, VmHWM at end (MiB)", "%.1f", r -> r.atEnd().peakRssKib() / 1024.0),
                new Row("reflector RSS, VmRSS at end (MiB)", "%.1f", r -> r.atEnd().rssKib() / 1024.0),
                new Row("client JVM CPU, connect -> convergence (s)", "%.2f", ScaleResult::clientCpuSeconds),
                new Row("handshakes dropped, accept queue full (TcpExtListenOverflows)", "%.0f",
                        r -> r.listenOverflows()));

        List<String> header = new ArrayList<>();
        header.add("%d clients, one /26 each".formatted(clients));
        results.forEach(r -> header.add(r.reflector()));
        boolean ratio = results.size() == 2;
        if (ratio) {
            header.add(results.get(0).reflector() + "/" + results.get(1).reflector());
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            for (ScaleResult r : results) {
                line.add(String.format(Locale.ROOT, row.format(), row.value().applyAsDouble(r)));
            }
            if (ratio) {
                double a = row.value().applyAsDouble(results.get(0));
                double b = row.value().applyAsDouble(results.get(1));
                line.add(b > 0 ? String.format(Locale.ROOT, "%.1fx", a / b) : "-");
            }
            lines.add(line);
        }
        StringBuilder notes = new StringBuilder();
        for (ScaleResult r : results) {
            notes.append("%s: end %d s after convergence, every session still up; client JVM warmed up by %d rehearsals%n"
                    .formatted(r.reflector(), r.settle().toSeconds(), r.warmUpRounds()));
        }
        return format(lines) + notes;
    }

    /** The first column left-aligned, the others right-aligned, a rule under the header. */
    private static String format(List<List<String>> lines) {
        int columns = lines.getFirst().size();
        int[] width = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            List<String> line = lines.get(n);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = line.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                text.append(i == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append(text.toString().stripTrailing()).append('\n');
            if (n == 0) {
                out.append("-".repeat(text.length())).append('\n');
            }
        }
        return out.toString();
    }
}
