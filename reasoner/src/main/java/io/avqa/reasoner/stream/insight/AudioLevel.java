package io.avqa.reasoner.stream.insight;

import org.apache.avro.Schema;

import io.avqa.schemas.Embedding;

/**
 * The audio level of a segment for the dashboard. The PCM is not on {@code avqa.embeddings}, so the level must
 * come from the features stage: once the Embedding schema carries an {@code audioLevelDb} field this reads it
 * (no code change needed); until then a segment whose audio was padded reads as the 16-bit floor and any other
 * as {@link #UNKNOWN_DB}.
 */
public final class AudioLevel {
    /** dBFS of digital silence in 16-bit PCM. */
    public static final float SILENCE_DB = -96f;
    /** Sent while the level is not known; the dashboard's meter floor, so it shows an empty meter. */
    public static final float UNKNOWN_DB = -60f;
    private static final String FIELD = "audioLevelDb";

    private AudioLevel() {
    }

    public static float of(Embedding e) {
        Schema.Field field = e.getSchema().getField(FIELD);
        if (field != null && e.get(field.pos()) instanceof Number level) {
            return level.floatValue();
        }
        return e.getAudioMissing() ? SILENCE_DB : UNKNOWN_DB;
    }
}
