package dev.jbgp.rib.kernel;

/**
 * The error numbers the FIB acts on (asm-generic/errno-base.h, asm-generic/errno.h), and the
 * C library's text for any of them.
 */
final class Errno {

    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EPROTO = 71;
    static final int ENOBUFS = 105;
    static final int ETIMEDOUT = 110;

    private static final String[] TEXT = new String[256];

    private Errno() {}

    /** {@code strerror(errno)}, e.g. "Network is unreachable" for 101. */
    static String text(int errno) {
        if (errno < 0 || errno >= TEXT.length) {
            return Libc.strerror(errno);
        }
        String text = TEXT[errno];
        if (text == null) {
            text = Libc.strerror(errno);
            TEXT[errno] = text; // a benign race: every thread computes the same string
        }
        return text;
    }
}
