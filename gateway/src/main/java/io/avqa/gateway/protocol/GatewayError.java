package io.avqa.gateway.protocol;

/**
 * A refused request, carrying its protocol {@link ErrorCode} and the client's message id (null when the
 * client sent none or it could not be read). Thrown at the edge and turned into an {@code error}
 * message or an HTTP error body; never escapes to Vert.x.
 */
public final class GatewayError extends RuntimeException {
    private final ErrorCode code;
    private final String clientId;

    public GatewayError(ErrorCode code, String message, String clientId) {
        super(message, null, false, false); // an expected outcome: no stack trace needed
        this.code = code;
        this.clientId = clientId;
    }

    public GatewayError(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The client's {@code id} of the message this error answers, or null. */
    public String clientId() {
        return clientId;
    }

    /** The same error attributed to the client message {@code id}. */
    public GatewayError withClientId(String id) {
        return new GatewayError(code, getMessage(), id);
    }
}
