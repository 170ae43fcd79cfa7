package dev.jbgp.peering.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long a callback may take to come: generous, for a loaded machine. */
    private static final long WAIT_SECONDS = 10;
    /** How long we watch for a callback that must not come: many polls. */
    private static final long QUIET_MILLIS = 300;

    @TempDir
    Path dir;
    private Path file;
    private final LinkedBlockingQueue<Resources> changes = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ConfigException> errors = new LinkedBlockingQueue<>();
    private ConfigWatcher watcher;

    private static String peers(String... names) {
        StringBuilder s = new StringBuilder();
        int i = 1;
        for (String n : names) {
            s.append("apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: ").append(n)
                    .append("}\nspec: {peerIP: 192.0.2.").append(i++).append(", asNumber: 64512}\n---\n");
        }
        return s.toString();
    }

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("calico.yaml");
        Files.writeString(file, peers("a"));
        watcher = ConfigWatcher.start(file, POLL, changes::add, errors::add);
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    private List<String> nextChange() throws InterruptedException {
        Resources r = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(r, "no change reported within " + WAIT_SECONDS + " s");
        return r.bgpPeers().stream().map(BgpPeer::name).toList();
    }

    private ConfigException nextError() throws InterruptedException {
        ConfigException e = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "no error reported within " + WAIT_SECONDS + " s");
        return e;
    }

    /** Writes through a rename, as editors and ConfigMap volumes do, so a reader never sees half a file. */
    private void replace(String content) throws Exception {
        Path tmp = dir.resolve("calico.yaml.tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aChangedFileIsParsedAndHandedOver() throws Exception {
        replace(peers("a", "b"));
        assertEquals(List.of("a", "b"), nextChange());
        replace(peers("c"));
        assertEquals(List.of("c"), nextChange());
        assertTrue(errors.isEmpty());
    }

    @Test
    void theContentPresentAtStartIsNotAChange() throws Exception {
        assertNull(changes.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(errors.isEmpty());
    }

    @Test
    void aBadChangeIsReportedOnceAsAnErrorAndAFixAsAChange() throws Exception {
        replace(peers("a").replace("asNumber: 64512", "asNumber: abc"));
        ConfigException e = nextError();
        assertEquals("BGPPeer \"a\": spec.asNumber: \"abc\" is not an AS number", e.getMessage());
        assertNull(errors.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS), "the same bad content is reported once");
        assertTrue(changes.isEmpty(), "a bad file hands over nothing");

        replace(peers("a", "fixed"));
        assertEquals(List.of("a", "fixed"), nextChange());
    }

    @Test
    void touchingTheFileOrWritingTheSameBytesIsNoChange() throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        replace(peers("a"));
        assertNull(changes.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(errors.isEmpty());
    }

    @Test
    void aRemovedFileIsAnErrorAndItsReturnAChange() throws Exception {
        Files.delete(file);
        assertEquals("cannot read " + file + ": no such file", nextError().getMessage());
        replace(peers("back"));
        assertEquals(List.of("back"), nextChange());
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheWatching() throws Exception {
        watcher.close();
        LinkedBlockingQueue<Resources> seen = new LinkedBlockingQueue<>();
        watcher = ConfigWatcher.start(file, POLL, r -> {
            seen.add(r);
            throw new IllegalStateException("a callback's bug");
        }, errors::add);
        replace(peers("x"));
        assertNotNull(seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        replace(peers("y"));
        Resources second = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(second);
        assertEquals("y", second.bgpPeers().getFirst().name());
    }

    @Test
    void aCallbackThatOverflowsItsStackDoesNotStopTheWatching() throws Exception {
        watcher.close();
        LinkedBlockingQueue<Resources> seen = new LinkedBlockingQueue<>();
        watcher = ConfigWatcher.start(file, POLL, r -> {
            seen.add(r);
            if (r.bgpPeers().getFirst().name().equals("x")) {
                throw new StackOverflowError("a callback recursing without end");
            }
        }, errors::add);
        replace(peers("x"));
        assertNotNull(seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        replace(peers("y"));
        Resources second = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(second, "the watcher stopped after the callback failed");
        assertEquals("y", second.bgpPeers().getFirst().name());
    }

    @Test
    void aSelectorTooDeepToParseIsAnErrorAndTheWatchingGoesOn() throws Exception {
        String deep = "(".repeat(20_000) + "a == 'b'" + ")".repeat(20_000);
        replace("apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: deep}\nspec: {peerSelector: \""
                + deep + "\"}\n");
        ConfigException e = nextError();
        assertTrue(e.getMessage().endsWith("is not a selector: column 101: parentheses nested deeper than 100"),
                e.getMessage());
        replace(peers("after"));
        assertEquals(List.of("after"), nextChange());
    }

    @Test
    void afterCloseNothingIsReported() throws Exception {
        watcher.close();
        replace(peers("late"));
        assertNull(changes.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(errors.isEmpty());
    }
}
