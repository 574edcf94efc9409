package io.avqa.reasoner.stream.window;

import java.util.Arrays;

import io.avqa.reasoner.model.Window;

/**
 * Which segments of one stream the reasoner keeps, plus counters. The window the model reads is chosen from
 * the kept segments: the newest, then repeatedly the newest at least {@code s} seconds older, up to T of them.
 * Gaps in seq (dropped segments) simply stretch the window further back; nothing is invented.
 *
 * <p>Segments older than the oldest one of a full window are evicted: a later window, starting from a newer
 * segment, never reaches further back (each pick can only move forward when segments are added), so they can
 * never be read again. Segments older than that arrive too late and are ignored and counted.
 *
 * @param kept       kept segment seqs, ascending
 * @param late       segments ignored because they were older than a full window
 * @param duplicates segments ignored because their seq was already kept
 */
public record WindowIndex(long[] kept, long late, long duplicates) {

    public static final WindowIndex EMPTY = new WindowIndex(new long[0], 0, 0);

    /** What adding a segment did. */
    public enum Outcome { ADDED, DUPLICATE, LATE }

    /**
     * The index after adding {@code seq}, and the seqs to delete from the segment store.
     *
     * @param index   the new index
     * @param outcome whether the segment was kept
     * @param evicted seqs no longer reachable by any window
     */
    public record Update(WindowIndex index, Outcome outcome, long[] evicted) {
    }

    /** The window's seqs, oldest first (fewer than T while the stream is young). */
    public long[] select(Window window) {
        long[] picked = new long[window.steps()];
        int n = 0;
        long bound = Long.MAX_VALUE;
        for (int i = kept.length - 1; i >= 0 && n < picked.length; i--) {
            if (kept[i] <= bound) {
                picked[n++] = kept[i];
                bound = kept[i] - window.strideSeconds();
            }
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = picked[n - 1 - i];
        }
        return out;
    }

    public Update add(long seq, Window window) {
        if (Arrays.binarySearch(kept, seq) >= 0) {
            return new Update(new WindowIndex(kept, late, duplicates + 1), Outcome.DUPLICATE, new long[0]);
        }
        long[] current = select(window);
        if (current.length == window.steps() && seq < current[0]) {
            return new Update(new WindowIndex(kept, late + 1, duplicates), Outcome.LATE, new long[0]);
        }
        long[] grown = Arrays.copyOf(kept, kept.length + 1);
        grown[kept.length] = seq;
        Arrays.sort(grown);
        WindowIndex candidate = new WindowIndex(grown, late, duplicates);
        long[] selected = candidate.select(window);
        if (selected.length < window.steps()) {
            return new Update(candidate, Outcome.ADDED, new long[0]);
        }
        int from = Arrays.binarySearch(grown, selected[0]);
        return new Update(new WindowIndex(Arrays.copyOfRange(grown, from, grown.length), late, duplicates),
                Outcome.ADDED, Arrays.copyOfRange(grown, 0, from));
    }

    /** The newest kept seq, or -1 when nothing is kept. */
    public long newest() {
        return kept.length == 0 ? -1 : kept[kept.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowIndex w && Arrays.equals(kept, w.kept) && late == w.late
                && duplicates == w.duplicates;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kept) + Long.hashCode(late) * 7 + Long.hashCode(duplicates);
    }

    @Override
    public String toString() {
        return "WindowIndex" + Arrays.toString(kept) + " late=" + late + " duplicates=" + duplicates;
    }
}
