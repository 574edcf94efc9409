package io.avqa.ingest.segment;

/** A source could not be opened or read; the message is fit for a log line and a status record. */
public final class MediaException extends Exception {
    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }

    public MediaException(String message) {
        super(message);
    }
}
