package dev.jbgp.core;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix held as numbers: an IPv4 address sits in the low 32 bits of
 * {@code hi}; an IPv6 address is {@code hi} (first 64 bits) and {@code lo}. Bits past the
 * length are always zero, so equal prefixes are equal records.
 *
 * <p>Tables keep prefixes packed in {@link PrefixList}; this record is the convenient form
 * for single prefixes at the edges (config, CLI, tests).
 */
public record Prefix(int afi, long hi, long lo, int length) implements Comparable<Prefix> {

    public Prefix {
        if (afi == AfiSafi.AFI_IPV4) {
            if (length < 0 || length > 32) {
                throw new IllegalArgumentException("IPv4 prefix length out of range: " + length);
            }
            hi = (hi & 0xFFFF_FFFFL) & v4Mask(length);
            lo = 0;
        } else if (afi == AfiSafi.AFI_IPV6) {
            if (length < 0 || length > 128) {
                throw new IllegalArgumentException("IPv6 prefix length out of range: " + length);
            }
            hi &= v6HiMask(length);
            lo &= v6LoMask(length);
        } else {
            throw new IllegalArgumentException("not an IP address family: " + afi);
        }
    }

    public static Prefix ipv4(int address, int length) {
        return new Prefix(AfiSafi.AFI_IPV4, address & 0xFFFF_FFFFL, 0, length);
    }

    public static Prefix ipv6(long hi, long lo, int length) {
        return new Prefix(AfiSafi.AFI_IPV6, hi, lo, length);
    }

    /** Parses {@code 198.19.21.64/26} or {@code fd00:198:19::/48}; a bare address is a host prefix. */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = InetAddresses.forString(addressText);
        boolean ipv6Text = addressText.indexOf(':') >= 0;
        int max = ipv6Text ? 128 : 32;
        int length;
        try {
            length = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        if (ipv6Text && address instanceof Inet4Address) {
            // The JDK hands IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, RFC 4291 2.5.5.2) back as IPv4 ones.
            return ipv6(0, 0xFFFF_0000_0000L | (InetAddresses.coerceToInteger(address) & 0xFFFF_FFFFL), length);
        }
        return of(address, length);
    }

    public static Prefix of(InetAddress address, int length) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return ipv4(InetAddresses.coerceToInteger(address), length);
        }
        return ipv6(bytesToLong(b, 0), bytesToLong(b, 8), length);
    }

    public boolean isIpv4() {
        return afi == AfiSafi.AFI_IPV4;
    }

    /** The IPv4 address as an int; only for IPv4 prefixes. */
    public int ipv4Address() {
        return (int) hi;
    }

    public InetAddress address() {
        if (isIpv4()) {
            return InetAddresses.fromInteger((int) hi);
        }
        byte[] b = new byte[16];
        longToBytes(hi, b, 0);
        longToBytes(lo, b, 8);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    /** True when {@code other} lies within this prefix (or is equal to it). */
    public boolean contains(Prefix other) {
        if (other.afi != afi || other.length < length) {
            return false;
        }
        if (isIpv4()) {
            return (other.hi & v4Mask(length)) == hi;
        }
        return (other.hi & v6HiMask(length)) == hi && (other.lo & v6LoMask(length)) == lo;
    }

    @Override
    public int compareTo(Prefix o) {
        if (afi != o.afi) {
            return Integer.compare(afi, o.afi);
        }
        int c = Long.compareUnsigned(hi, o.hi);
        if (c == 0) {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return InetAddresses.toAddrString(address()) + "/" + length;
    }

    static long v4Mask(int length) {
        return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
    }

    static long v6HiMask(int length) {
        return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    static long v6LoMask(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    static long bytesToLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static void longToBytes(long v, byte[] b, int off) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
