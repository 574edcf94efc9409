package io.avqa.app.scale;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ONCE question the load sent, and every terminal reply the gateway gave to it (exactly one is the
 * contract; the ledger counts none and several alike). Replies arrive on WebSocket threads: thread-safe.
 */
final class Asked {
    /**
     * A terminal reply: an {@code answer} (status OK, NO_DATA, ...) or an {@code error} (code TIMEOUT, ...).
     * For answers: the window's seq range, how many segments it holds (the temporal attention's length: T when
     * full), and when the feature stage embedded its newest segment (epoch ms).
     */
    record Reply(boolean answer, String status, long fromSeq, long toSeq, int segments, long featuresMs,
            long receivedMs) {
        boolean ok() {
            return answer && status.equals("OK");
        }

        /** The reply's outcome as one label: the answer status, or {@code error:CODE}. */
        String outcome() {
            return answer ? status : "error:" + status;
        }

        static Reply of(JsonNode message, long receivedMs) {
            boolean answer = message.path("type").asText().equals("answer");
            return new Reply(answer, answer ? message.path("status").asText() : message.path("code").asText(),
                    message.path("window").path("fromSeq").asLong(-1), message.path("window").path("toSeq").asLong(-1),
                    message.path("temporal").path("audio").size(),
                    message.path("timing").path("featuresMs").asLong(-1), receivedMs);
        }
    }

    private final String id;
    private final String stream;
    private final String gateway;
    private final String question;
    private final String mode;
    private final long sentMs;
    private final List<Reply> replies = new ArrayList<>();
    private int askedAgain;

    Asked(String id, String stream, String gateway, String question, String mode, long sentMs) {
        this.id = id;
        this.stream = stream;
        this.gateway = gateway;
        this.question = question;
        this.mode = mode;
        this.sentMs = sentMs;
    }

    String id() {
        return id;
    }

    String stream() {
        return stream;
    }

    String gateway() {
        return gateway;
    }

    String question() {
        return question;
    }

    /** {@code once} or {@code standing}. */
    String mode() {
        return mode;
    }

    long sentMs() {
        return sentMs;
    }

    /** The client asked it again on another gateway (its first one went away before replying). */
    synchronized void askedAgain() {
        askedAgain++;
    }

    synchronized int timesAskedAgain() {
        return askedAgain;
    }

    synchronized void reply(Reply reply) {
        replies.add(reply);
    }

    synchronized List<Reply> replies() {
        return List.copyOf(replies);
    }

    /** The first terminal reply, or null while none came. */
    synchronized Reply terminal() {
        return replies.isEmpty() ? null : replies.get(0);
    }

    @Override
    public String toString() {
        return id + " (" + stream + " via " + gateway + ", sent " + sentMs + "): '" + question + "' -> " + replies();
    }
}
