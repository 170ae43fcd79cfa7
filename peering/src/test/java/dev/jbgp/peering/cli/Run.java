package dev.jbgp.peering.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One {@code jbgp} command line run in-process: its exit status, standard output and error. */
record Run(int status, String out, String err) {

    static Run jbgp(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status = Jbgp.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code jbgp decode ARGS} with {@code stdin} as standard input. */
    static Run decode(String stdin, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "decode";
        System.arraycopy(args, 0, full, 1, args.length);
        return jbgp(stdin, full);
    }

    /** Standard output read back as JSON. */
    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("output is not JSON: " + out, e);
        }
    }

    /** The elements of a JSON array as text. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
