package io.avqa.reasoner.stream.insight;

import io.avqa.schemas.Embedding;

/**
 * The audio level of a segment for the dashboard. The PCM is not on {@code avqa.embeddings}; the features stage
 * measures it into the Embedding's {@code audioLevelDb}. Embeddings without it (older writers, padded audio)
 * read as the 16-bit floor when the audio was padded and as {@link #UNKNOWN_DB} otherwise.
 */
public final class AudioLevel {
    /** dBFS of digital silence in 16-bit PCM. */
    public static final float SILENCE_DB = -96f;
    /** Sent while the level is not known; the dashboard's meter floor, so it shows an empty meter. */
    public static final float UNKNOWN_DB = -60f;

    private AudioLevel() {
    }

    public static float of(Embedding e) {
        Float level = e.getAudioLevelDb();
        if (level != null) {
            return level;
        }
        return e.getAudioMissing() ? SILENCE_DB : UNKNOWN_DB;
    }
}
