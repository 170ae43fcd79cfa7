package dev.jbgp.peering.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table boxed in {@code +---+} lines, laid out the way {@code calicoctl node status} lays out
 * its peer table (the Go package olekukonko/tablewriter v0.0.5 with its defaults), so that jbgp's
 * table and Calico's line up character for character:
 * <ul>
 *   <li>each column as wide as its widest cell or header, a cell never wider than 30 unless one
 *       word is: longer cells wrap onto more lines, broken where the lines come out least ragged;
 *   <li>headers upper-cased and centred, the odd space of padding on the right;
 *   <li>cells left-aligned, except numbers ({@code 12}, {@code -3.5}, {@code 1,024}), which are
 *       right-aligned;
 *   <li>one space of padding inside each border.
 * </ul>
 */
final class BoxTable {
    /** tablewriter's {@code MAX_ROW_WIDTH}: cells wider than this wrap. */
    static final int MAX_CELL_WIDTH = 30;

    /** Cells that tablewriter takes for numbers and aligns right. */
    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d{1,3}(?:,\\d{3})*|\\d+)(?:\\.\\d+)?");

    /** Wrapping cost of a line that overflows because one word is too long (tablewriter's defaultPenalty). */
    private static final int OVERFLOW_PENALTY = 100_000;

    private BoxTable() {
    }

    /** The table, every line ending in a newline. Each row has as many cells as there are headers. */
    static String render(List<String> headers, List<List<String>> rows) {
        int columns = headers.size();
        int[] widths = new int[columns];
        List<List<String>> headerLines = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            headerLines.add(layOut(headers.get(c), widths, c));
        }
        List<List<List<String>>> rowLines = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + columns + " columns");
            }
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                cells.add(layOut(row.get(c), widths, c));
            }
            rowLines.add(cells);
        }

        StringBuilder out = new StringBuilder();
        border(out, widths);
        int headerHeight = height(headerLines);
        for (int line = 0; line < headerHeight; line++) {
            out.append('|');
            for (int c = 0; c < columns; c++) {
                List<String> lines = headerLines.get(c);
                String text = line < lines.size() ? title(lines.get(line)) : "";
                out.append(' ').append(centre(text, widths[c])).append(" |");
            }
            out.append('\n');
        }
        border(out, widths);
        for (List<List<String>> cells : rowLines) {
            int rowHeight = height(cells);
            for (int line = 0; line < rowHeight; line++) {
                out.append('|');
                for (int c = 0; c < columns; c++) {
                    List<String> lines = cells.get(c);
                    String text = line < lines.size() ? lines.get(line) : "";
                    String padded = NUMBER.matcher(text.strip()).matches()
                            ? padLeft(text, widths[c]) : padRight(text, widths[c]);
                    out.append(' ').append(padded).append(" |");
                }
                out.append('\n');
            }
        }
        border(out, widths);
        return out.toString();
    }

    /** The lines a cell takes, widening its column to fit them. */
    private static List<String> layOut(String cell, int[] widths, int column) {
        int limit = Math.min(width(cell), MAX_CELL_WIDTH);
        List<String> lines = wrap(cell, limit);
        int widest = limit;
        for (String line : lines) {
            widest = Math.max(widest, width(line));
        }
        widths[column] = Math.max(widths[column], widest);
        return lines;
    }

    /**
     * Breaks {@code text} at single spaces into lines of at most {@code limit} characters (more
     * when one word is longer) with the least raggedness: the sum over all lines but the last
     * of the square of the room left on the line. Dynamic programming from the last word back,
     * as tablewriter's {@code WrapWords}.
     */
    static List<String> wrap(String text, int limit) {
        String[] words = text.replace('\n', ' ').split(" ", -1);
        int n = words.length;
        for (String word : words) {
            limit = Math.max(limit, width(word));
        }
        // length[i][j]: the width of words i..j on one line.
        int[][] length = new int[n][n];
        for (int i = 0; i < n; i++) {
            length[i][i] = width(words[i]);
            for (int j = i + 1; j < n; j++) {
                length[i][j] = length[i][j - 1] + 1 + width(words[j]);
            }
        }
        int[] breakAt = new int[n];
        long[] cost = new long[n];
        Arrays.fill(cost, Integer.MAX_VALUE);
        for (int i = n - 1; i >= 0; i--) {
            if (length[i][n - 1] <= limit) {
                cost[i] = 0;
                breakAt[i] = n;
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                long room = limit - length[i][j - 1];
                long c = room * room + cost[j];
                if (length[i][j - 1] > limit) {
                    c += OVERFLOW_PENALTY;
                }
                if (c < cost[i]) {
                    cost[i] = c;
                    breakAt[i] = j;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i = breakAt[i]) {
            lines.add(String.join(" ", Arrays.copyOfRange(words, i, breakAt[i])));
        }
        return lines;
    }

    /** tablewriter's {@code Title}: underscores and most dots become spaces, trimmed, upper case. */
    static String title(String header) {
        char[] chars = header.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '_') {
                chars[i] = ' ';
            } else if (chars[i] == '.') {
                // A dot between digits (a number such as 0.5) stays.
                boolean afterOther = i != 0 && !digitOrSpace(chars[i - 1]);
                boolean beforeOther = i != chars.length - 1 && !digitOrSpace(chars[i + 1]);
                if (afterOther || beforeOther) {
                    chars[i] = ' ';
                }
            }
        }
        String text = new String(chars).strip();
        if (text.isEmpty() && !header.isEmpty()) {
            text = " ";
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static boolean digitOrSpace(char c) {
        return (c >= '0' && c <= '9') || c == ' ';
    }

    private static void border(StringBuilder out, int[] widths) {
        out.append('+');
        for (int width : widths) {
            out.append("-".repeat(width + 2)).append('+');
        }
        out.append('\n');
    }

    private static int height(List<List<String>> cells) {
        int height = 0;
        for (List<String> lines : cells) {
            height = Math.max(height, lines.size());
        }
        return height;
    }

    /** Centred, the odd space on the right. */
    private static String centre(String text, int width) {
        int gap = width - width(text);
        if (gap <= 0) {
            return text;
        }
        int left = gap / 2;
        return " ".repeat(left) + text + " ".repeat(gap - left);
    }

    private static String padRight(String text, int width) {
        int gap = width - width(text);
        return gap > 0 ? text + " ".repeat(gap) : text;
    }

    private static String padLeft(String text, int width) {
        int gap = width - width(text);
        return gap > 0 ? " ".repeat(gap) + text : text;
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
