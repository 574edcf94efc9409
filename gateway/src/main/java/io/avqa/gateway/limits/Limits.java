package io.avqa.gateway.limits;

/**
 * The gateway's protective limits, each enforced with its own error code (see {@code PROTOCOL.md}).
 *
 * @param maxFrameBytes       largest accepted WebSocket message, UTF-8 bytes; larger ones get FRAME_TOO_LARGE
 *                            and the socket stays open
 * @param hardFrameBytes      messages above this are refused by the WebSocket decoder itself and the socket is
 *                            closed with 1009, so a client cannot make the server buffer arbitrary frames
 * @param maxQuestionChars    longest question text, in characters
 * @param requestsPerSecond   token bucket refill rate per token (asks, subscribes and HTTP questions)
 * @param burst               token bucket capacity per token
 * @param maxStandingPerConnection standing questions one WebSocket may hold at once
 * @param maxConnectionsPerToken   WebSockets one token may hold at once
 * @param writeQueueBytes     per-socket outbound queue; a client whose queue fills is closed with 1013
 */
public record Limits(int maxFrameBytes, int hardFrameBytes, int maxQuestionChars, double requestsPerSecond, int burst,
        int maxStandingPerConnection, int maxConnectionsPerToken, int writeQueueBytes) {

    public static final int DEFAULT_FRAME_BYTES = 16 * 1024;

    public Limits {
        positive(maxFrameBytes, "maxFrameBytes");
        positive(maxQuestionChars, "maxQuestionChars");
        positive(burst, "burst");
        positive(maxStandingPerConnection, "maxStandingPerConnection");
        positive(maxConnectionsPerToken, "maxConnectionsPerToken");
        positive(writeQueueBytes, "writeQueueBytes");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, got " + requestsPerSecond);
        }
        if (hardFrameBytes < maxFrameBytes) {
            throw new IllegalArgumentException("hardFrameBytes (" + hardFrameBytes + ") must be >= maxFrameBytes ("
                    + maxFrameBytes + ")");
        }
    }

    /** 16 KiB frames (64 KiB hard), 256-character questions, 20 requests/s (burst 40) per token, 8 standing
     *  questions per connection, 16 connections per token, 512 KiB write queue per socket. */
    public static Limits defaults() {
        return new Limits(DEFAULT_FRAME_BYTES, 4 * DEFAULT_FRAME_BYTES, 256, 20, 40, 8, 16, 512 * 1024);
    }

    public Limits withRate(double perSecond, int newBurst) {
        return new Limits(maxFrameBytes, hardFrameBytes, maxQuestionChars, perSecond, newBurst, maxStandingPerConnection,
                maxConnectionsPerToken, writeQueueBytes);
    }

    public Limits withConnectionsPerToken(int max) {
        return new Limits(maxFrameBytes, hardFrameBytes, maxQuestionChars, requestsPerSecond, burst,
                maxStandingPerConnection, max, writeQueueBytes);
    }

    public Limits withStandingPerConnection(int max) {
        return new Limits(maxFrameBytes, hardFrameBytes, maxQuestionChars, requestsPerSecond, burst, max,
                maxConnectionsPerToken, writeQueueBytes);
    }

    public Limits withWriteQueueBytes(int bytes) {
        return new Limits(maxFrameBytes, hardFrameBytes, maxQuestionChars, requestsPerSecond, burst,
                maxStandingPerConnection, maxConnectionsPerToken, bytes);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
