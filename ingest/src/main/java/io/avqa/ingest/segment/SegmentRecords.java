package io.avqa.ingest.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;

/** Turns cut segments into {@link Segment} records: JPEG frame, little-endian PCM16 audio, timing. */
public final class SegmentRecords {
    private final JpegEncoder jpeg;

    public SegmentRecords(float jpegQuality) {
        this.jpeg = new JpegEncoder(jpegQuality);
    }

    /**
     * @param startMs event time of the segment start (epoch ms)
     * @param live    false for replays that must lose nothing
     */
    public Segment toRecord(CutSegment cut, String streamId, long startMs, SourceKind kind, boolean live) {
        ByteBuffer pcm = ByteBuffer.allocate(cut.audio().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        pcm.asShortBuffer().put(cut.audio());
        return Segment.newBuilder()
                .setStreamId(streamId)
                .setSeq(cut.seq())
                .setStartMs(startMs)
                .setFrame(ByteBuffer.wrap(jpeg.encode(cut.frame())))
                .setFrameWidth(cut.frame().getWidth())
                .setFrameHeight(cut.frame().getHeight())
                .setAudio(pcm)
                .setAudioMissing(cut.audioMissing())
                .setIngestMs(System.currentTimeMillis())
                .setSourceKind(kind)
                .setLive(live)
                .build();
    }

    /** Decodes a segment's PCM16 audio into samples (for tests and offline tools). */
    public static short[] samples(Segment segment) {
        ByteBuffer bytes = segment.getAudio().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(samples);
        return samples;
    }
}
