package io.avqa.app.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every question the load sent, by the client's request id, with its terminal replies: the record the
 * checks and the summary are computed from. Thread-safe (clients add from their own threads).
 */
final class QuestionLedger {
    private final Map<String, Asked> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Asked> inOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unmatched = new ConcurrentLinkedQueue<>();

    void sent(Asked asked) {
        byId.put(asked.id(), asked);
        inOrder.add(asked);
    }

    /** Files a terminal message ({@code answer} or {@code error}) under its request id. */
    void received(JsonNode message, long receivedMs) {
        Asked asked = byId.get(message.path("id").asText());
        if (asked == null) {
            unmatched.add(message.toString());
        } else {
            asked.reply(Asked.Reply.of(message, receivedMs));
        }
    }

    List<Asked> all() {
        return List.copyOf(inOrder);
    }

    /** Questions without any terminal reply (must be none once the load has drained). */
    List<Asked> missing() {
        return inOrder.stream().filter(a -> a.terminal() == null).toList();
    }

    /** Questions with more than one terminal reply (must be none). */
    List<Asked> duplicated() {
        return inOrder.stream().filter(a -> a.replies().size() > 1).toList();
    }

    /** Terminal messages whose id the load never sent. */
    List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    /** Terminal replies by outcome (OK, NO_DATA, error:TIMEOUT, ...). */
    Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Asked a : inOrder) {
            Asked.Reply r = a.terminal();
            if (r != null) {
                counts.merge(r.outcome(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Terminal replies by outcome to questions about {@code stream} asked at or after {@code ms}. */
    Map<String, Integer> outcomesAfter(String stream, long ms) {
        return outcomesBetween(stream, ms, Long.MAX_VALUE);
    }

    /** Terminal replies by outcome to questions about {@code stream} asked at or after {@code from}, before {@code until}. */
    Map<String, Integer> outcomesBetween(String stream, long from, long until) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Asked a : inOrder) {
            Asked.Reply r = a.terminal();
            if (r != null && a.stream().equals(stream) && a.sentMs() >= from && a.sentMs() < until) {
                counts.merge(r.outcome(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** OK answers about {@code stream}, in the order they arrived. */
    List<Asked.Reply> okAnswers(String stream) {
        List<Asked.Reply> out = new ArrayList<>();
        for (Asked a : inOrder) {
            Asked.Reply r = a.terminal();
            if (a.stream().equals(stream) && r != null && r.ok()) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(Asked.Reply::receivedMs));
        return out;
    }

    /** The newest window end of an OK answer about {@code stream} received before {@code ms}, or -1. */
    long lastToSeqBefore(String stream, long ms) {
        return okAnswers(stream).stream().filter(r -> r.receivedMs() < ms).mapToLong(Asked.Reply::toSeq).max().orElse(-1);
    }

    /** The first OK answer about {@code stream} received after {@code ms} for a question asked after it, or null. */
    Asked.Reply firstOkAfter(String stream, long ms) {
        Asked.Reply first = null;
        for (Asked a : inOrder) {
            Asked.Reply r = a.terminal();
            if (a.stream().equals(stream) && a.sentMs() >= ms && r != null && r.ok()
                    && (first == null || r.receivedMs() < first.receivedMs())) {
                first = r;
            }
        }
        return first;
    }

    /** The first OK answer about {@code stream}, asked after {@code ms}, whose window ends after {@code seq}. */
    Asked.Reply firstOkBeyond(String stream, long ms, long seq) {
        Asked.Reply first = null;
        for (Asked a : inOrder) {
            Asked.Reply r = a.terminal();
            if (a.stream().equals(stream) && a.sentMs() >= ms && r != null && r.ok() && r.toSeq() > seq
                    && (first == null || r.receivedMs() < first.receivedMs())) {
                first = r;
            }
        }
        return first;
    }
}
