package io.avqa.ingest.segment;

import java.awt.image.BufferedImage;

/**
 * One second of media as the cutter produced it, before encoding into a {@code Segment} record.
 *
 * @param seq          segment index: media time [seq, seq+1) s from the stream's start
 * @param frame        first video frame at or after media time seq (already at the output size)
 * @param audio        exactly {@link SegmentCutter#SAMPLES_PER_SEGMENT} mono samples at 16 kHz
 * @param audioMissing true when any of the audio was padded with silence
 */
public record CutSegment(long seq, BufferedImage frame, short[] audio, boolean audioMissing) {
}
