package io.avqa.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.protocol.AskMode;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.vertx.core.Vertx;

/**
 * Pending questions of this gateway instance and the answers that come back for them. Guarantees each
 * registered question exactly one terminal reply: its final answer, a TIMEOUT when no first answer came
 * within the timeout, a failure, a CANCELLED answer when its stream was removed, or nothing at all when its
 * owner cancelled it. The reasoner delivers at
 * least once, so answers are idempotent by (questionId, revision): a revision not above the last one
 * delivered is a duplicate, an answer after the terminal reply is late; both are dropped and counted.
 *
 * <p>Threading: every method runs on the gateway's context (Kafka threads hop there first).
 */
public final class AnswerRouter {
    /** How many ended questions are remembered to tell late/duplicate answers from foreign ones. */
    static final int REMEMBERED_ENDED = 100_000;

    private final Vertx vertx;
    private final long timeoutMs;
    private final GatewayMetrics metrics;
    private final Map<String, Entry> pending = new HashMap<>();
    /** questionId -> last revision delivered before it ended (-1: none), oldest first, bounded. */
    private final LinkedHashMap<String, Integer> ended = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_ENDED;
        }
    };

    private static final class Entry {
        final PendingQuestion question;
        final Recipient recipient;
        long timerId;
        int lastRevision = -1;

        Entry(PendingQuestion question, Recipient recipient) {
            this.question = question;
            this.recipient = recipient;
        }
    }

    public AnswerRouter(Vertx vertx, Duration timeout, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.timeoutMs = timeout.toMillis();
        this.metrics = metrics;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** Starts waiting for answers to this question; its TIMEOUT clock starts now. */
    public void register(PendingQuestion question, Recipient recipient) {
        Entry entry = new Entry(question, recipient);
        if (pending.putIfAbsent(question.questionId(), entry) != null) {
            throw new IllegalStateException("question " + question.questionId() + " registered twice");
        }
        entry.timerId = vertx.setTimer(timeoutMs, id -> expire(question.questionId()));
    }

    /** Routes an answer addressed to this instance to its question's recipient, or drops and counts it. */
    public void onAnswer(IncomingAnswer incoming) {
        Answer answer = incoming.answer();
        String questionId = answer.getQuestionId();
        Entry entry = pending.get(questionId);
        if (entry == null) {
            Integer lastRevision = ended.get(questionId);
            if (lastRevision == null) {
                metrics.foreignAnswer();
            } else if (answer.getRevision() <= lastRevision) {
                metrics.duplicateAnswer();
            } else {
                metrics.lateAnswer();
            }
            return;
        }
        if (answer.getRevision() <= entry.lastRevision) {
            metrics.duplicateAnswer();
            return;
        }
        if (entry.lastRevision < 0) {
            vertx.cancelTimer(entry.timerId);
            metrics.replyLatency(Duration.ofNanos(System.nanoTime() - entry.question.acceptedNanos()));
        }
        entry.lastRevision = answer.getRevision();
        boolean terminal = answer.getFinal$() || entry.question.mode() == AskMode.ONCE;
        if (terminal) {
            end(entry);
        }
        metrics.answerDelivered();
        entry.recipient.answer(entry.question, incoming, terminal);
    }

    /** Ends a question with an error as its terminal reply (e.g. Kafka refused it). */
    public void fail(String questionId, GatewayError error) {
        Entry entry = pending.get(questionId);
        if (entry != null) {
            end(entry);
            entry.recipient.failed(entry.question, error);
        }
    }

    /**
     * Forgets a question on its owner's request, without a reply from the router (the owner answers the
     * cancel itself, or is gone). Later answers for it count as late.
     *
     * @return the question, or null when it was not pending
     */
    public PendingQuestion cancel(String questionId) {
        Entry entry = pending.get(questionId);
        if (entry == null) {
            return null;
        }
        end(entry);
        return entry.question;
    }

    /**
     * Ends every pending question of the stream with a final CANCELLED answer saying {@code reason}, as the revision
     * after the last one delivered: the terminal reply of questions about a stream that was removed, which the
     * reasoner can no longer answer.
     *
     * @return the ended questions (the caller tells the reasoner to forget the standing ones)
     */
    public List<PendingQuestion> endStream(String stream, String reason) {
        List<Entry> ending = pending.values().stream().filter(e -> e.question.stream().equals(stream)).toList();
        List<PendingQuestion> ended = new ArrayList<>(ending.size());
        for (Entry entry : ending) {
            end(entry);
            Answer cancelled = Answer.newBuilder().setQuestionId(entry.question.questionId()).setStreamId(stream)
                    .setReplyTo("").setStatus(AnswerStatus.CANCELLED).setReason(reason).setFinal$(true)
                    .setRevision(entry.lastRevision + 1).setAnsweredMs(System.currentTimeMillis()).build();
            entry.recipient.answer(entry.question, IncomingAnswer.of(cancelled), true);
            ended.add(entry.question);
        }
        return ended;
    }

    public int pendingCount() {
        return pending.size();
    }

    private void expire(String questionId) {
        Entry entry = pending.get(questionId);
        if (entry == null || entry.lastRevision >= 0) {
            return; // answered (a standing question that got its first answer lives on) or already ended
        }
        end(entry);
        metrics.timeout();
        entry.recipient.failed(entry.question, new GatewayError(ErrorCode.TIMEOUT, "no answer within " + timeoutMs
                + " ms (is a reasoner running for stream " + entry.question.stream() + "?)", entry.question.clientId()));
    }

    private void end(Entry entry) {
        pending.remove(entry.question.questionId());
        vertx.cancelTimer(entry.timerId);
        ended.put(entry.question.questionId(), entry.lastRevision);
    }
}
