package io.avqa.schemas.codec;

/**
 * A record's bytes are not a valid avqa record of the expected type: corrupt, truncated, written by a
 * foreign producer, or of a schema this build does not know. Checked on purpose: callers must route the
 * record to {@code avqa.dlq} (see {@link io.avqa.schemas.topic.DeadLetters}) instead of crashing a consumer thread.
 */
public final class RecordDecodeException extends Exception {
    public RecordDecodeException(String message) {
        super(message);
    }

    public RecordDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
