package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One captured message from {@code src/test/resources/captures} (see the README there): the
 * {@code #} comment lines, the message bytes, and the context the receiver had negotiated,
 * read from the {@code # negotiated:} line, e.g.
 * {@code 4-octet AS NO (...); ADD-PATH path ids in this direction: IPv4 unicast; extended message: no}
 * or, for messages that need no context, {@code ADD-PATH bird->gobgp: IPv4 unicast, gobgp->bird: none}.
 */
record Capture(String name, List<String> comments, byte[] bytes, CodecContext context) {
    private static final Pattern FOUR_OCTET = Pattern.compile("4-octet AS (yes|no)", Pattern.CASE_INSENSITIVE);
    private static final Pattern THIS_DIRECTION = Pattern.compile("ADD-PATH path ids in this direction: ([^;]+)");
    private static final Pattern BY_SENDER = Pattern.compile("(\\w+)->\\w+: ([^,;]+)");
    private static final Pattern EXTENDED = Pattern.compile("extended message: (yes|no)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_AND_SIZE = Pattern.compile("^# \\S+ \\(type (\\d+)\\), (\\d+) bytes");

    static Path directory() {
        try {
            return Path.of(Capture.class.getResource("/captures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Capture> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().map(Capture::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Capture named(String name) {
        return read(directory().resolve(name + ".hex"));
    }

    static Capture read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> comments = lines.stream().filter(l -> l.startsWith("#")).toList();
        String hex = String.join("", lines.stream().filter(l -> !l.startsWith("#")).toList()).replaceAll("\\s", "");
        String name = file.getFileName().toString().replaceFirst("\\.hex$", "");
        return new Capture(name, comments, HexFormat.of().parseHex(hex), context(name, comments));
    }

    /** The receiver's context; a file without a {@code negotiated} line needs none (an OPEN). */
    private static CodecContext context(String name, List<String> comments) {
        String negotiated = comments.stream().filter(l -> l.startsWith("# negotiated:")).findFirst().orElse(null);
        if (negotiated == null) {
            return CodecContext.DEFAULT;
        }
        Matcher four = FOUR_OCTET.matcher(negotiated);
        if (!four.find()) {
            throw new IllegalArgumentException(name + ": no 4-octet AS in " + negotiated);
        }
        Matcher extended = EXTENDED.matcher(negotiated);
        return new CodecContext(four.group(1).equalsIgnoreCase("yes"), addPath(name, negotiated),
                extended.find() && extended.group(1).equalsIgnoreCase("yes"));
    }

    /** The families the sender puts path identifiers in front of (the file name starts with the sender). */
    private static Set<AfiSafi> addPath(String name, String negotiated) {
        Matcher m = THIS_DIRECTION.matcher(negotiated);
        if (m.find()) {
            return families(m.group(1));
        }
        String sender = name.substring(0, name.indexOf('-'));
        Matcher bySender = BY_SENDER.matcher(negotiated);
        while (bySender.find()) {
            if (bySender.group(1).equalsIgnoreCase(sender)) {
                return families(bySender.group(2));
            }
        }
        throw new IllegalArgumentException(name + ": no ADD-PATH for " + sender + " in " + negotiated);
    }

    private static Set<AfiSafi> families(String text) {
        Set<AfiSafi> out = new HashSet<>();
        for (String f : text.trim().split("\\s*(,|and)\\s*")) {
            switch (f.toLowerCase(Locale.ROOT)) {
                case "none" -> { }
                case "ipv4 unicast" -> out.add(AfiSafi.IPV4_UNICAST);
                case "ipv6 unicast" -> out.add(AfiSafi.IPV6_UNICAST);
                default -> throw new IllegalArgumentException("unknown family " + f);
            }
        }
        return out;
    }

    /** The message type the first comment line states. */
    int statedType() {
        Matcher m = TYPE_AND_SIZE.matcher(comments.getFirst());
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": first line names no type and size: " + comments.getFirst());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The size the first comment line states. */
    int statedSize() {
        Matcher m = TYPE_AND_SIZE.matcher(comments.getFirst());
        m.find();
        return Integer.parseInt(m.group(2));
    }

    @Override
    public String toString() {
        return name;
    }
}
