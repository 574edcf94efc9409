package io.avqa.ops.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import me.tongfei.progressbar.ProgressBar;

/** Away from a terminal a bar writes plain lines: a log file reads as lines, not carriage returns and colours. */
class ProgressBarsTest {

    @Test
    void withoutATerminalTheBarPrintsPlainLinesEndingWithTheTotal() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (ProgressBar bar = ProgressBars.builder("clips", 3, 1000, false, lines::add).build()) {
            bar.stepBy(3);
        }

        assertFalse(lines.isEmpty(), "at least the final line");
        for (String line : lines) {
            assertFalse(line.contains("\r") || line.contains("\u001b") || line.contains("\n"), "plain: " + line);
            assertTrue(line.startsWith("clips"), line);
        }
        assertTrue(lines.get(lines.size() - 1).contains("3/3"), lines.toString());
    }
}
