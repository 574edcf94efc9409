package io.avqa.ops.log;

import java.util.function.Consumer;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars that suit where the output goes: on a terminal, the usual bar redrawn in place; otherwise (a log
 * file, a CI job, a pipe) one plain line every {@value #PLAIN_INTERVAL_MS} ms and one at the end, with no carriage
 * returns, cursor movements or colours, so a log reads as lines. Every tool with a bar builds it here.
 */
public final class ProgressBars {
    /** How often a non-terminal bar prints its line. */
    static final int PLAIN_INTERVAL_MS = 10_000;

    private ProgressBars() {
    }

    /**
     * A builder for a bar named {@code task} counting to {@code max}, on standard error; add units or speed as
     * needed. {@code terminalIntervalMs} is how often a terminal bar redraws.
     */
    public static ProgressBarBuilder builder(String task, long max, int terminalIntervalMs) {
        return builder(task, max, terminalIntervalMs, System.console() != null, System.err::println);
    }

    static ProgressBarBuilder builder(String task, long max, int terminalIntervalMs, boolean terminal,
            Consumer<String> lines) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII);
        if (terminal) {
            return b.setUpdateIntervalMillis(terminalIntervalMs);
        }
        return b.setConsumer(new DelegatingProgressBarConsumer(lines, 100)).setUpdateIntervalMillis(PLAIN_INTERVAL_MS);
    }
}
