package dev.jbgp.peering.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a configuration file by polling, and hands each new version to the caller: the
 * parsed {@link Resources} when it is good, the {@link ConfigException} when it is not (the
 * caller keeps running on what it had).
 *
 * <p>Every interval the watcher looks at the file's modification time and size, and reads it
 * only when one of them moved, or when the last change was so recent that a second write in
 * the same clock tick could hide behind the same time stamp. What it read is compared by a
 * SHA-256 of the content: touching the file, or writing the same bytes again, calls nobody.
 * A content that was reported once, good or bad, is not reported again until it changes.
 * Polling, rather than inotify, also sees a file replaced by rename (editors, Kubernetes
 * ConfigMap volumes swap a symlink) without special cases.
 *
 * <p>One daemon thread does the polling and calls the callbacks, one at a time; a callback that
 * throws is logged and the watching goes on, whatever it threw (a {@link StackOverflowError}
 * too), except an error that leaves the JVM itself unusable, such as {@link OutOfMemoryError}.
 * A parser failure other than a {@link ConfigException} is reported through {@code onError}
 * like any bad content. {@link #close()} stops the thread and waits for
 * it, without interrupting a callback under way. The content that is there at {@link #start}
 * is the baseline, not a change: load it first with {@link ResourceLoader#load}.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());
    /** Time stamps of common file systems are at least this fine; a change younger than this is read again. */
    private static final long TIMESTAMP_GRAIN_MILLIS = 2_000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path file;
    private final long intervalMillis;
    private final Consumer<Resources> onChange;
    private final Consumer<ConfigException> onError;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);

    // Owned by the watcher thread after start.
    private long lastModified;
    private long lastSize;
    private byte[] lastDigest;

    private ConfigWatcher(Path file, Duration interval, Consumer<Resources> onChange, Consumer<ConfigException> onError) {
        this.file = Objects.requireNonNull(file, "file");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.onError = Objects.requireNonNull(onError, "onError");
        if (interval.isNegative() || interval.toMillis() < 1) {
            throw new IllegalArgumentException("poll interval must be at least 1 ms: " + interval);
        }
        this.intervalMillis = interval.toMillis();
        this.thread = Thread.ofPlatform().daemon().name("jbgp-config-watcher").unstarted(this::run);
    }

    /**
     * Starts watching {@code file}, polling every {@code interval}. The file's present content is
     * taken as already known; the callbacks run on the watcher's thread.
     */
    public static ConfigWatcher start(Path file, Duration interval, Consumer<Resources> onChange,
            Consumer<ConfigException> onError) {
        ConfigWatcher w = new ConfigWatcher(file, interval, onChange, onError);
        w.baseline();
        w.thread.start();
        return w;
    }

    public Path file() {
        return file;
    }

    private void baseline() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            lastModified = a.lastModifiedTime().toMillis();
            lastSize = a.size();
            lastDigest = digest(ResourceLoader.read(file));
        } catch (IOException | ConfigException e) {
            // Not there or unreadable yet: the first good content found will be reported.
            lastModified = -1;
            lastSize = -1;
            lastDigest = null;
        }
    }

    private void run() {
        try {
            while (!stop.await(intervalMillis, TimeUnit.MILLISECONDS)) {
                try {
                    poll();
                } catch (Throwable t) {
                    if (fatal(t)) {
                        throw t;
                    }
                    LOG.log(Level.ERROR, "looking at " + file + " failed; still watching", t);
                }
            }
        } catch (InterruptedException e) {
            // Nobody but close() should stop us; stop all the same.
        }
    }

    /** Errors after which nothing can be trusted: the JVM's own, but for a stack overflow, which unwinds cleanly. */
    private static boolean fatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** One look at the file; reports a change or an error at most once per content. */
    private void poll() {
        long modified;
        long size;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            modified = a.lastModifiedTime().toMillis();
            size = a.size();
        } catch (NoSuchFileException e) {
            reportMissing("cannot read " + file + ": no such file");
            return;
        } catch (IOException e) {
            reportMissing("cannot read " + file + ": " + e.getMessage());
            return;
        }
        boolean recent = System.currentTimeMillis() - modified < TIMESTAMP_GRAIN_MILLIS;
        if (modified == lastModified && size == lastSize && !recent) {
            return;
        }
        lastModified = modified;
        lastSize = size;
        String text;
        try {
            text = ResourceLoader.read(file);
        } catch (ConfigException e) {
            reportOnce(digest("unreadable: " + e.getMessage()), () -> onError.accept(e));
            return;
        }
        byte[] digest = digest(text);
        reportOnce(digest, () -> {
            Resources resources;
            try {
                resources = parse(text);
            } catch (ConfigException e) {
                LOG.log(Level.WARNING, "{0} changed but cannot be used; keeping the previous configuration:\n{1}",
                        file, e.getMessage());
                onError.accept(e);
                return;
            }
            LOG.log(Level.INFO, "{0} changed: {1} resources", file, resources.size());
            onChange.accept(resources);
        });
    }

    /** The content as resources; a failure of the parser itself (a bug) is bad content too, not the end of watching. */
    private Resources parse(String text) throws ConfigException {
        try {
            return ResourceLoader.parse(text, file.toString());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.ERROR, "parsing " + file + " failed", e);
            throw new ConfigException(new ResourceError(null, null, null, null,
                    "cannot parse " + file + ": " + e));
        }
    }

    private void reportMissing(String message) {
        lastModified = -1;
        lastSize = -1;
        reportOnce(digest(message), () -> onError.accept(
                new ConfigException(new ResourceError(null, null, null, null, message))));
    }

    private void reportOnce(byte[] digest, Runnable report) {
        if (Arrays.equals(digest, lastDigest)) {
            return;
        }
        lastDigest = digest;
        try {
            report.run();
        } catch (Throwable t) {
            if (fatal(t)) {
                throw t;
            }
            LOG.log(Level.ERROR, "configuration callback failed for " + file + "; still watching", t);
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Stops polling and waits (a few seconds at most) for a callback under way to return. */
    @Override
    public void close() {
        stop.countDown();
        if (Thread.currentThread() == thread) {
            return; // closed from a callback: the loop ends when it returns
        }
        try {
            thread.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "the configuration watcher of {0} did not stop within {1}", file, CLOSE_WAIT);
        }
    }
}
