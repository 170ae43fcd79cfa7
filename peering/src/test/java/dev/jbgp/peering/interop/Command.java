package dev.jbgp.peering.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command run to completion with a time limit: {@code ip}, {@code birdc}, {@code gobgp},
 * {@code jbgp status}. Output goes through a file, not a pipe: a command that hangs with a pipe
 * nobody drains would hang the test past its limit.
 */
final class Command {

    private Command() {
    }

    /**
     * @param status the exit status
     * @param output what the command wrote to its standard output and error, interleaved
     */
    record Result(int status, String output) {

        boolean ok() {
            return status == 0;
        }

        /** The output, or an AssertionError naming the command when it failed. */
        String orFail(List<String> command) {
            if (status != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + status + "): " + output.strip());
            }
            return output;
        }
    }

    /**
     * Runs {@code command} with nothing on its standard input; when it runs past {@code timeout}
     * it is killed and the test fails, with what it had written so far.
     */
    static Result run(Duration timeout, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("jbgp-interop-cmd", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; it wrote: " + Files.readString(out, StandardCharsets.UTF_8).strip());
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind harms nothing
                }
            }
        }
    }

    /** The first of {@code /usr/sbin}, {@code /sbin}, {@code /usr/bin}, {@code /bin} holding {@code name}, or null. */
    static String find(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/bin", "/bin")) {
            Path file = Path.of(dir, name);
            if (Files.isExecutable(file)) {
                return file.toString();
            }
        }
        return null;
    }
}
