package io.avqa.gateway.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Open WebSocket connections per token subject, to cap how many one token may hold.
 * Not thread-safe: used on the gateway's context only.
 */
public final class ConnectionCounter {
    private final int maxPerSubject;
    private final Map<String, Integer> open = new HashMap<>();

    public ConnectionCounter(int maxPerSubject) {
        this.maxPerSubject = maxPerSubject;
    }

    /** Counts one more connection for this subject, unless it already holds the maximum. */
    public boolean tryOpen(String subject) {
        int now = open.getOrDefault(subject, 0);
        if (now >= maxPerSubject) {
            return false;
        }
        open.put(subject, now + 1);
        return true;
    }

    public void close(String subject) {
        open.computeIfPresent(subject, (s, n) -> n <= 1 ? null : n - 1);
    }

    public int openFor(String subject) {
        return open.getOrDefault(subject, 0);
    }

    public int maxPerSubject() {
        return maxPerSubject;
    }
}
