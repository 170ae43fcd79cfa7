package dev.jbgp.peering.admin;

/**
 * The reply lines of one BIRD CLI session ({@code nest/cli.c}): a four-digit code, then {@code
 * -} on a line the reply continues after or a space on its last line, then the text. A
 * continued line with the same code as the line before it starts with a single space instead
 * of the code. The session remembers the last code across commands, as BIRD's does.
 *
 * <p>Codes used here: 0000 done, 0001 greeting, 0013 status, 0016 access restricted, 0024
 * graceful restart, 1000 version, 1002 protocol row, 1006 protocol details, 1011 status line,
 * 2002 table header, 8003 no match, 9000 command too long, 9001 syntax error, 9002 not a
 * protocol.
 */
final class BirdReply {
    private final StringBuilder out = new StringBuilder();
    private int lastCode = -1;

    /** A line the reply continues after. */
    BirdReply more(int code, String text) {
        if (code == lastCode) {
            out.append(' ');
        } else {
            out.append(String.format("%04d-", code));
        }
        lastCode = code;
        out.append(text).append('\n');
        return this;
    }

    /** The reply's last line. */
    BirdReply last(int code, String text) {
        out.append(String.format("%04d ", code)).append(text).append('\n');
        lastCode = code;
        return this;
    }

    /** The lines written since the last call, leaving the session's last code as it is. */
    String take() {
        String text = out.toString();
        out.setLength(0);
        return text;
    }
}
