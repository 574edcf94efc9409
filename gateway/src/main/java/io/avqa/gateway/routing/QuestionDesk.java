package io.avqa.gateway.routing;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.kafka.QuestionPublisher;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.limits.RateLimiter;
import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.protocol.AskMode;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;
import io.vertx.core.Context;

/**
 * Where WebSocket and HTTP questions are admitted: permission, length and rate checks, then the question
 * is registered with the {@link AnswerRouter} (its timeout starts) and written to Kafka with this
 * instance as {@code replyTo}. A Kafka failure ends the question with KAFKA_UNAVAILABLE as its terminal
 * reply. Threading: the gateway's context only.
 */
public final class QuestionDesk {
    private static final Logger LOG = LoggerFactory.getLogger(QuestionDesk.class);

    private final String instanceId;
    private final Limits limits;
    private final RateLimiter rates;
    private final AnswerRouter router;
    private final QuestionPublisher publisher;
    private final Context context;
    private final GatewayMetrics metrics;

    public QuestionDesk(String instanceId, Limits limits, RateLimiter rates, AnswerRouter router,
            QuestionPublisher publisher, Context context, GatewayMetrics metrics) {
        this.instanceId = instanceId;
        this.limits = limits;
        this.rates = rates;
        this.router = router;
        this.publisher = publisher;
        this.context = context;
        this.metrics = metrics;
    }

    /**
     * Admits a question, or throws the {@link GatewayError} that refuses it.
     *
     * @param asker who asks, for the Question's clientId (e.g. the token subject and connection number)
     * @return the accepted question; its replies go to {@code recipient}
     */
    public PendingQuestion ask(Grant grant, String clientId, String stream, String text, AskMode mode, String asker,
            Recipient recipient) {
        requireStream(grant, stream, clientId);
        if (text.length() > limits.maxQuestionChars()) {
            throw new GatewayError(ErrorCode.QUESTION_TOO_LONG, "question is " + text.length()
                    + " characters; the limit is " + limits.maxQuestionChars(), clientId);
        }
        requireRate(grant, clientId);
        long now = System.currentTimeMillis();
        PendingQuestion pending = new PendingQuestion(UUID.randomUUID().toString(), clientId, stream, mode,
                System.nanoTime());
        Question question = Question.newBuilder()
                .setQuestionId(pending.questionId())
                .setStreamId(stream)
                .setText(text.strip())
                .setMode(mode == AskMode.STANDING ? QuestionMode.STANDING : QuestionMode.ONCE)
                .setReplyTo(instanceId)
                .setClientId(asker)
                .setAskedMs(now)
                .build();
        router.register(pending, recipient);
        metrics.questionAccepted();
        publisher.publish(question, context).onFailure(e -> {
            LOG.warn("question {} for stream {} not written to Kafka: {}", pending.questionId(), stream, e.toString());
            router.fail(pending.questionId(), new GatewayError(ErrorCode.KAFKA_UNAVAILABLE,
                    "the question could not be written to Kafka: " + e.getMessage(), clientId));
        });
        return pending;
    }

    /** Tells the reasoner to stop re-evaluating a standing question (best effort: the gateway already forgot it). */
    public void cancelStanding(PendingQuestion question, String asker) {
        Question cancel = Question.newBuilder()
                .setQuestionId(question.questionId())
                .setStreamId(question.stream())
                .setText("")
                .setMode(QuestionMode.CANCEL)
                .setReplyTo(instanceId)
                .setClientId(asker)
                .setAskedMs(System.currentTimeMillis())
                .build();
        publisher.publish(cancel, context).onFailure(e -> LOG.warn("cancel of standing question {} not written to"
                + " Kafka (the reasoner keeps evaluating it; its answers will be dropped here): {}",
                question.questionId(), e.toString()));
    }

    /**
     * Ends this gateway's questions about a removed stream: each gets a final CANCELLED answer, and the reasoner is
     * told to forget the standing ones. Every gateway reads the spec topic's tombstones, so each ends its own.
     */
    public void endStream(String stream) {
        String reason = "stream '" + stream + "' was removed; no more answers will come";
        for (PendingQuestion q : router.endStream(stream, reason)) {
            if (q.mode() == AskMode.STANDING) {
                cancelStanding(q, instanceId + "/stream-removed");
            }
        }
    }

    /** Throws STREAM_FORBIDDEN when the grant does not cover the stream. */
    public static void requireStream(Grant grant, String stream, String clientId) {
        if (!grant.allows(stream)) {
            throw new GatewayError(ErrorCode.STREAM_FORBIDDEN, "this token may not see stream \"" + stream
                    + "\"; it grants " + grant.streamList(), clientId);
        }
    }

    /** Takes one request from the grant's token bucket, or throws RATE_LIMITED. */
    public void requireRate(Grant grant, String clientId) {
        if (!rates.tryAcquire(grant.subject())) {
            throw new GatewayError(ErrorCode.RATE_LIMITED, "more than " + limits.requestsPerSecond()
                    + " requests/s (burst " + limits.burst() + ") for this token; slow down", clientId);
        }
    }

    public AnswerRouter router() {
        return router;
    }

    public Limits limits() {
        return limits;
    }
}
