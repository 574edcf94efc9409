package io.avqa.gateway.protocol;

/**
 * Every way the gateway can refuse or fail a client request, with the HTTP status used when the same
 * error is returned by the HTTP API. The names are part of the protocol (see {@code PROTOCOL.md}).
 */
public enum ErrorCode {
    /** The text is not a JSON object. */
    BAD_JSON(400),
    /** {@code "v"} is missing or not a version this gateway speaks. */
    UNSUPPORTED_VERSION(400),
    /** {@code "type"} names no client message. */
    UNKNOWN_TYPE(400),
    /** A required field is absent. */
    MISSING_FIELD(400),
    /** A field has the wrong JSON type or an unknown value. */
    INVALID_FIELD(400),
    /** Binary frames carry no meaning in protocol v1. */
    BINARY_NOT_SUPPORTED(400),
    /** The message is above the frame limit (16 KiB by default); far larger frames close the socket (1009). */
    FRAME_TOO_LARGE(413),
    /** The question text is above the length limit (256 characters by default). */
    QUESTION_TOO_LONG(400),
    /** The token's request bucket is empty; retry later. */
    RATE_LIMITED(429),
    /** This connection already holds the maximum number of standing questions. */
    TOO_MANY_STANDING(429),
    /** This token already holds the maximum number of WebSocket connections; the socket is then closed. */
    TOO_MANY_CONNECTIONS(429),
    /** The request needs a token and none was given. */
    UNAUTHENTICATED(401),
    /** The token is unknown, malformed, expired or badly signed. */
    INVALID_TOKEN(401),
    /** The token does not grant this stream. */
    STREAM_FORBIDDEN(403),
    /** Managing streams ({@code POST/DELETE /api/streams}) needs a token with the admin grant. */
    ADMIN_REQUIRED(403),
    /** No stream with this id is known (HTTP stream lookups and removals; questions go to the reasoner). */
    UNKNOWN_STREAM(404),
    /** {@code POST /api/streams} named an id that already has a spec: remove it first or pick another id. */
    STREAM_EXISTS(409),
    /** {@code cancel} named a question this connection does not hold. */
    UNKNOWN_QUESTION(404),
    /** No answer came within the answer timeout: the terminal reply of that question. */
    TIMEOUT(504),
    /** The question or stream spec could not be written to Kafka, or the spec topic is not read yet. */
    KAFKA_UNAVAILABLE(503),
    /** Anything else: a bug in the gateway, logged with its cause. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
