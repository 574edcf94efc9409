package io.avqa.app.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class GapsTest {
    @Test
    void countsOnlyThePartOfAGapAfterFrom() {
        // events at 0, 10, 40; from 5: the gap 10 -> 40 (30) is the longest, 0 -> 10 counts only 5 -> 10
        assertEquals(30, Gaps.longest(List.of(0L, 10L, 40L), 5, 100 - 55));
    }

    @Test
    void aSeriesThatStopsCountsItsSilenceUpToUntil() {
        assertEquals(70, Gaps.longest(List.of(0L, 10L, 30L), 20, 100));
    }

    @Test
    void gapsStartingAfterUntilAreIgnored() {
        assertEquals(10, Gaps.longest(List.of(0L, 10L, 20L, 90L), 0, 20));
    }

    @Test
    void noEventAtAllIsOneGapFromFromToUntil() {
        assertEquals(50, Gaps.longest(List.of(), 50, 100));
    }
}
