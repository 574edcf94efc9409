package io.avqa.features.extract;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.avqa.features.audio.LogMelFrontEnd;
import io.avqa.features.visual.FramePreprocessor;
import io.avqa.schemas.Segment;

/**
 * Parses a segment's media at the edge: exactly 16000 PCM16 samples and a decodable frame, or a reason.
 * Writes straight into the batch arrays so a batch needs one copy to the engine. Extraction and backbone
 * training both parse through here, so they see the same pixels and samples.
 */
public final class SegmentInput {
    private SegmentInput() {
    }

    /**
     * @return null when valid (samples and pixels written at {@code row}), otherwise the rejection reason
     */
    public static String parseInto(Segment s, float[] audio, float[] pixels, int row) {
        ByteBuffer pcm = s.getAudio();
        if (pcm == null || pcm.remaining() != LogMelFrontEnd.AUDIO_BYTES) {
            return "audio has " + (pcm == null ? 0 : pcm.remaining()) + " bytes; expected " + LogMelFrontEnd.AUDIO_BYTES
                    + " (16000 PCM16 samples at 16 kHz)";
        }
        if (s.getFrame() == null) {
            return "frame is missing";
        }
        try {
            FramePreprocessor.normalise(s.getFrame(), pixels, row * FramePreprocessor.VALUES);
        } catch (IOException e) {
            return e.getMessage();
        }
        float[] samples = LogMelFrontEnd.samples(pcm);
        System.arraycopy(samples, 0, audio, row * LogMelFrontEnd.SAMPLES, LogMelFrontEnd.SAMPLES);
        return null;
    }
}
