package dev.jbgp.rib;

/**
 * What the RIB holds, for operators and the admin API. Byte counts are estimates from the
 * shapes of the objects (a compressed-oops 64-bit JVM), not measurements of the heap.
 */
public record MemoryReport(int prefixes, long paths, int attributeSets, long tableBytes, long destinationBytes,
        long pathBytes, long attributeBytes) {

    public long totalBytes() {
        return tableBytes + destinationBytes + pathBytes + attributeBytes;
    }

    public double bytesPerPath() {
        return paths == 0 ? 0 : (double) totalBytes() / paths;
    }
}
