package io.avqa.reasoner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The nice value reaches the kernel for the calling thread alone. */
class ThreadNicenessTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void lowersTheCallingThreadAndNoOther() throws InterruptedException {
        int before = ThreadNiceness.currentThreadNice();
        AtomicReference<String> why = new AtomicReference<>("not run");
        AtomicInteger seen = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            why.set(ThreadNiceness.lowerCurrentThread(Math.min(19, before + 7)));
            seen.set(ThreadNiceness.currentThreadNice());
        });
        t.start();
        t.join();
        assertNull(why.get(), "Surefire's JVM has the foreign linker, so the call should succeed");
        assertEquals(Math.min(19, before + 7), seen.get());
        assertEquals(before, ThreadNiceness.currentThreadNice(), "the test thread keeps its own priority");
    }

    @Test
    void zeroLeavesThePriorityAloneAndOutOfRangeIsRefused() {
        int before = ThreadNiceness.currentThreadNice();
        assertNull(ThreadNiceness.lowerCurrentThread(0));
        assertEquals(before, ThreadNiceness.currentThreadNice());
        assertThrows(IllegalArgumentException.class, () -> ThreadNiceness.lowerCurrentThread(20));
        assertThrows(IllegalArgumentException.class, () -> ThreadNiceness.lowerCurrentThread(-1));
    }
}
