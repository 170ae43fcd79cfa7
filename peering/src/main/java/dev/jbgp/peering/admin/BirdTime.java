package dev.jbgp.peering.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as BIRD 1.6 prints them with its default time formats ({@code conf/conf.c}): protocol
 * and route times as {@code %T} (HH:MM:SS) while less than 20 hours old and {@code %F}
 * (YYYY-MM-DD) after that; base times ({@code show status}) as {@code %F %T}. Local time, as
 * BIRD's {@code localtime()}; whole seconds, as BIRD's clock.
 */
final class BirdTime {
    /** BIRD's {@code tf_proto} limit: 20 hours. */
    static final Duration RECENT = Duration.ofHours(20);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private BirdTime() {
    }

    /** The SINCE column: {@code 22:05:49} when {@code then} is less than 20 hours before {@code now}, else {@code 2026-11-19}. */
    static String since(Instant then, Instant now, ZoneId zone) {
        long age = now.getEpochSecond() - then.getEpochSecond();
        return (age < RECENT.toSeconds() ? TIME : DATE).format(then.atZone(zone));
    }

    /** A date and time as {@code show status} prints it: {@code 2026-11-20 22:05:40}. */
    static String dateTime(Instant t, ZoneId zone) {
        return DATE_TIME.format(t.atZone(zone));
    }
}
