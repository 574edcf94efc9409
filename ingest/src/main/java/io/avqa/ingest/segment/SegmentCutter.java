package io.avqa.ingest.segment;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Cuts a decoded audio/video stream into 1-second segments. Segment n holds the first video frame whose
 * media time lies in [n, n+1) s and the 16 kHz mono samples of [n, n+1). Media time comes from the
 * decoder's timestamps (PTS) relative to the first timestamp seen, so a gap in the media shows as a
 * jump in seq, never as invented data.
 *
 * <p>Audio and video packets arrive interleaved with some skew, so up to {@link #LOOKAHEAD_SEGMENTS}
 * segments are assembled at once and emitted in seq order as each completes. Audio is placed by
 * counting samples and re-synchronised to the PTS only when the two disagree by more than
 * {@link #RESYNC_SAMPLES}: resampler jitter does not tear segments, real drift is corrected by segment
 * index. Not thread-safe: one cutter per stream.
 */
public final class SegmentCutter {
    public static final int SAMPLE_RATE = 16_000;
    public static final int SAMPLES_PER_SEGMENT = SAMPLE_RATE;
    /** Drift between sample count and PTS beyond which audio jumps to the PTS position. */
    static final long RESYNC_SAMPLES = SAMPLE_RATE / 10;
    /** A final segment is kept at the end of a stream when at least this much of its audio arrived. */
    static final int MIN_TAIL_SAMPLES = SAMPLE_RATE * 9 / 10;
    /** How far both tracks must have moved past an incomplete segment before it is given up. */
    static final int LOOKAHEAD_SEGMENTS = 2;
    /** How far one track may run ahead of a stalled other before incomplete segments are given up. */
    static final int STALL_SEGMENTS = 8;

    private final boolean hasAudio;
    private final Consumer<CutSegment> out;
    private final TreeMap<Long, Parts> pending = new TreeMap<>();

    private long baseMicros = Long.MIN_VALUE;
    private long seqOffset;
    private long nextEmit;
    /** Absolute sample position where the next audio sample goes; MIN_VALUE before the first. */
    private long audioPos = Long.MIN_VALUE;
    private long videoSeqMax = -1;

    /** One segment being assembled. */
    private static final class Parts {
        BufferedImage frame;
        final short[] audio = new short[SAMPLES_PER_SEGMENT];
        int filled; // samples written (a hole leaves zeros and sets gap)
        boolean gap;
    }

    /**
     * @param hasAudio false for streams without an audio track: segments get silence with audioMissing set
     * @param out      receives complete segments in increasing seq order
     */
    public SegmentCutter(boolean hasAudio, Consumer<CutSegment> out) {
        this.hasAudio = hasAudio;
        this.out = out;
    }

    /**
     * Starts a new media timeline whose time zero is segment {@code firstSeq}: after a reconnect (with a
     * seq jump for the time lost) or when a file loops. Pending segments are flushed first.
     */
    public void restartTimeline(long firstSeq) {
        finish();
        baseMicros = Long.MIN_VALUE;
        seqOffset = Math.max(firstSeq, nextEmit);
        nextEmit = seqOffset;
        audioPos = Long.MIN_VALUE;
    }

    /** The lowest seq that can still be emitted. */
    public long nextSeq() {
        return nextEmit;
    }

    /** True if a video frame at this timestamp would be used: convert only those frames. */
    public boolean wantsFrame(long timestampMicros) {
        long seq = seqOf(timestampMicros);
        if (seq < nextEmit) {
            return false;
        }
        Parts parts = pending.get(seq);
        return parts == null || parts.frame == null;
    }

    public void acceptFrame(long timestampMicros, BufferedImage image) {
        long seq = seqOf(timestampMicros);
        if (seq < nextEmit) {
            return; // a late frame of a segment already emitted
        }
        Parts parts = pending.computeIfAbsent(seq, s -> new Parts());
        if (parts.frame == null) {
            parts.frame = image;
        }
        videoSeqMax = Math.max(videoSeqMax, seq);
        drain(false);
    }

    public void acceptAudio(long timestampMicros, short[] samples, int count) {
        if (!hasAudio || count <= 0) {
            return;
        }
        setBase(timestampMicros);
        long ptsPos = Math.round((timestampMicros - baseMicros) * (SAMPLE_RATE / 1e6)) + seqOffset * SAMPLES_PER_SEGMENT;
        if (audioPos == Long.MIN_VALUE || Math.abs(ptsPos - audioPos) > RESYNC_SAMPLES) {
            audioPos = ptsPos;
        }
        int i = 0;
        long firstKept = nextEmit * SAMPLES_PER_SEGMENT;
        if (audioPos < firstKept) {
            // Samples of segments already emitted or from before the timeline start: drop them.
            i = (int) Math.min(count, firstKept - audioPos);
            audioPos += i;
        }
        while (i < count) {
            long seq = Math.floorDiv(audioPos, SAMPLES_PER_SEGMENT);
            int offset = (int) (audioPos - seq * SAMPLES_PER_SEGMENT);
            Parts parts = pending.computeIfAbsent(seq, s -> new Parts());
            if (offset > parts.filled) {
                parts.gap = true; // a hole inside the segment stays silent
            }
            int n = Math.min(count - i, SAMPLES_PER_SEGMENT - offset);
            System.arraycopy(samples, i, parts.audio, offset, n);
            parts.filled = Math.max(parts.filled, offset + n);
            audioPos += n;
            i += n;
        }
        drain(false);
    }

    /** End of stream: emits what is complete, pads a nearly complete tail, drops the rest. */
    public void finish() {
        drain(true);
        pending.clear();
    }

    private void drain(boolean endOfStream) {
        while (!pending.isEmpty()) {
            Map.Entry<Long, Parts> first = pending.firstEntry();
            long seq = first.getKey();
            Parts parts = first.getValue();
            boolean audioDone = !hasAudio || parts.filled == SAMPLES_PER_SEGMENT;
            if (parts.frame != null && audioDone) {
                emit(seq, parts);
            } else if (endOfStream || abandoned(seq)) {
                if (parts.frame != null && (!hasAudio || parts.filled >= MIN_TAIL_SAMPLES || !endOfStream)) {
                    parts.gap = true;
                    emit(seq, parts);
                } else {
                    pending.pollFirstEntry(); // no frame for this second (or a short tail): a seq gap
                    nextEmit = seq + 1;
                }
            } else {
                return;
            }
        }
    }

    /**
     * Both tracks have moved past this segment, so what is missing will not come; or one track ran far
     * ahead while the other stalled, and waiting longer would only grow memory.
     */
    private boolean abandoned(long seq) {
        boolean videoPast = videoSeqMax >= seq + LOOKAHEAD_SEGMENTS;
        boolean audioPast = !hasAudio || audioBeyond(seq + LOOKAHEAD_SEGMENTS);
        return (videoPast && audioPast) || videoSeqMax >= seq + STALL_SEGMENTS || audioBeyond(seq + STALL_SEGMENTS);
    }

    private boolean audioBeyond(long seq) {
        return audioPos != Long.MIN_VALUE && audioPos >= seq * SAMPLES_PER_SEGMENT;
    }

    private void emit(long seq, Parts parts) {
        pending.pollFirstEntry();
        boolean missing = !hasAudio || parts.gap || parts.filled < SAMPLES_PER_SEGMENT;
        out.accept(new CutSegment(seq, parts.frame, parts.audio, missing));
        nextEmit = seq + 1;
    }

    private long seqOf(long timestampMicros) {
        setBase(timestampMicros);
        return Math.floorDiv(timestampMicros - baseMicros, 1_000_000L) + seqOffset;
    }

    private void setBase(long timestampMicros) {
        if (baseMicros == Long.MIN_VALUE) {
            baseMicros = timestampMicros;
        }
    }
}
