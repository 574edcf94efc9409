package io.avqa.reasoner.model;

/** A saved model does not fit the features or window it is asked to run on; the message says what differs. */
public final class IncompatibleModelException extends RuntimeException {
    public IncompatibleModelException(String message) {
        super(message);
    }
}
