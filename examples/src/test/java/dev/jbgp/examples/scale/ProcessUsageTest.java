package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessUsageTest {
    @Test
    void cpuTicksAreCountedFromTheLastParenthesisSoACommandNameWithSpacesAndParenthesesDoesNotShiftThem() {
        // A /proc/<pid>/stat line of Linux 6.x, its command name changed to "a) (b c"; utime 1234, stime 56.
        String stat = "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 1500 0 0 0 1234 56 0 0 20 0 25 0 1000 "
                + "2000000000 20000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";
        assertEquals(1290, ProcessUsage.parseCpuTicks(stat));
    }

    @Test
    void residentSetFiguresAreReadInKibFromTheStatusLines() {
        String status = "Name:\tbird\nVmPeak:\t   20000 kB\nVmHWM:\t    9312 kB\nVmRSS:\t    9104 kB\nThreads:\t1\n";
        assertEquals(9312, ProcessUsage.statusKib(status, "VmHWM"));
        assertEquals(9104, ProcessUsage.statusKib(status, "VmRSS"));
    }

    @Test
    void thisJvmHasSpentCpuTimeAndHoldsMemory() {
        ProcessUsage u = ProcessUsage.of(ProcessHandle.current().pid());
        assertTrue(u.cpuSeconds() > 0, u.toString());
        assertTrue(u.rssKib() > 1024 && u.peakRssKib() >= u.rssKib(), u.toString());
    }
}
