package io.avqa.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.support.GatewayFixture;
import io.avqa.gateway.support.Messages;
import io.avqa.gateway.support.TestReasoner;
import io.avqa.gateway.support.TestReasoner.Reply;
import io.avqa.gateway.support.TestVertx;
import io.avqa.gateway.support.WsTestClient;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

/**
 * Questions through the real broker with the test playing the reasoner (consumes the questions topic,
 * answers on the answers topic keyed by replyTo). Two gateway instances run side by side.
 * The reasoner's behaviour depends on the stream asked about:
 * {@code cam1} answers once, {@code silent} never answers, {@code dup} answers twice,
 * {@code late} answers after the timeout, {@code standing} sends two updates of a standing question.
 */
@ExtendWith({EmbeddedKafkaExtension.class, VertxExtension.class})
class QuestionRoundTripTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    static final Duration TIMEOUT = Duration.ofMillis(1500);

    static TestVertx testVertx;
    static Vertx vertx;
    static Gateway gatewayA;
    static Gateway gatewayB;
    static TestReasoner reasoner;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        reasoner = new TestReasoner(EmbeddedKafkaExtension.bootstrapServers(), TOPICS, QuestionRoundTripTest::script)
                .start();
        testVertx = TestVertx.create();
        vertx = testVertx.vertx();
        gatewayA = GatewayFixture.startReady(vertx, GatewayFixture.config(EmbeddedKafkaExtension.bootstrapServers(),
                TOPICS, "gw-a", "key=*", TIMEOUT, Limits.defaults(), null));
        gatewayB = GatewayFixture.startReady(vertx, GatewayFixture.config(EmbeddedKafkaExtension.bootstrapServers(),
                TOPICS, "gw-b", "key=*", TIMEOUT, Limits.defaults(), null));
    }

    static List<Reply> script(Question q) {
        if (q.getMode() == QuestionMode.CANCEL) {
            return List.of();
        }
        switch (q.getStreamId()) {
            case "silent":
                return List.of();
            case "dup":
                return List.of(Reply.now(TestReasoner.answerTo(q, "two", 0, true)),
                        Reply.now(TestReasoner.answerTo(q, "two", 0, true)));
            case "late":
                return List.of(new Reply(TestReasoner.answerTo(q, "too late", 0, true), TIMEOUT.toMillis() + 2000));
            case "standing":
                return List.of(Reply.now(TestReasoner.answerTo(q, "2", 0, false)),
                        new Reply(TestReasoner.answerTo(q, "3", 1, false), 100));
            default:
                return List.of(Reply.now(TestReasoner.answerTo(q, "yes", 0, true)));
        }
    }

    @AfterEach
    void noBlockedEventLoop() {
        testVertx.assertNoBlockedEventLoop();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayFixture.await(gatewayA.close());
        GatewayFixture.await(gatewayB.close());
        reasoner.close();
        testVertx.close();
    }

    /** Completes when {@code condition} holds, checking every 20 ms (a test must not sleep). */
    static Future<Void> eventually(BooleanSupplier condition) {
        Promise<Void> promise = Promise.promise();
        long[] timer = new long[1];
        timer[0] = vertx.setPeriodic(20, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(timer[0]);
                promise.tryComplete();
            }
        });
        return promise.future();
    }

    @Test
    void askReachesTheReasonerAndItsAnswerComesBack(VertxTestContext ctx) {
        WsTestClient.connect(vertx, gatewayA.port(), "key").compose(c -> {
            c.send(Messages.ask("q1", "cam1", "Is the violin always playing?"));
            return Future.all(c.expect("accepted", "q1"), c.expect("answer", "q1")).compose(all -> {
                JsonObject accepted = all.resultAt(0);
                JsonObject answer = all.resultAt(1);
                ctx.verify(() -> {
                    String questionId = accepted.getString("questionId");
                    assertEquals(questionId, answer.getString("questionId"));
                    assertEquals("yes", answer.getString("answer"));
                    assertEquals("OK", answer.getString("status"));
                    assertTrue(answer.getBoolean("final"));
                    assertEquals(10, answer.getJsonObject("temporal").getJsonArray("audio").size());
                    assertEquals(4, answer.getJsonObject("spatial").getJsonArray("weights").size());
                    assertEquals("Audio-Visual/Existential", answer.getString("questionType"));
                    // how the reasoner understood the question reaches the client unchanged
                    assertEquals("Is the violin in the video always playing?", answer.getString("understoodAs"));
                    Question asked = reasoner.questions().stream()
                            .filter(q -> q.getQuestionId().equals(questionId)).findFirst().orElseThrow();
                    assertEquals("gw-a", asked.getReplyTo());
                    assertEquals("Is the violin always playing?", asked.getText());
                    assertEquals(QuestionMode.ONCE, asked.getMode());
                    assertTrue(asked.getClientId().startsWith("key:"), asked.getClientId());
                });
                return c.close();
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void questionNobodyAnswersEndsWithTimeout(VertxTestContext ctx) {
        double before = gatewayA.metrics().timeouts();
        WsTestClient.connect(vertx, gatewayA.port(), "key").compose(c -> {
            c.send(Messages.ask("t1", "silent", "Is there a voiceover?"));
            return Future.all(c.expect("accepted", "t1"), c.expect("error", "t1")).compose(all -> {
                ctx.verify(() -> {
                    JsonObject error = all.resultAt(1);
                    assertEquals("TIMEOUT", error.getString("code"));
                    assertEquals(all.<JsonObject>resultAt(0).getString("questionId"), error.getString("questionId"));
                    assertEquals(before + 1, gatewayA.metrics().timeouts());
                });
                return c.roundTripPing("alive").compose(p -> c.close());
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void duplicateAnswersAreDroppedAndCounted(VertxTestContext ctx) {
        double before = gatewayA.metrics().duplicateAnswers();
        WsTestClient.connect(vertx, gatewayA.port(), "key").compose(c -> {
            c.send(Messages.ask("d1", "dup", "How many instruments are sounding in the video?"));
            return c.expect("answer", "d1")
                    .compose(a -> eventually(() -> gatewayA.metrics().duplicateAnswers() >= before + 1))
                    .compose(v -> c.roundTripPing("after"))
                    .compose(p -> {
                        ctx.verify(() -> assertTrue(c.unmatched().stream().noneMatch(m -> "answer".equals(
                                m.getString("type"))), "second copy delivered: " + c.unmatched()));
                        return c.close();
                    });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void answerAfterTheTimeoutIsDroppedAndCounted(VertxTestContext ctx) {
        double before = gatewayA.metrics().lateAnswers();
        WsTestClient.connect(vertx, gatewayA.port(), "key").compose(c -> {
            c.send(Messages.ask("l1", "late", "Is there a voiceover?"));
            return c.expect("error", "l1").compose(timeout -> {
                ctx.verify(() -> assertEquals("TIMEOUT", timeout.getString("code")));
                return eventually(() -> gatewayA.metrics().lateAnswers() >= before + 1);
            }).compose(v -> c.roundTripPing("after")).compose(p -> {
                ctx.verify(() -> assertTrue(c.unmatched().stream().noneMatch(m -> "answer".equals(m.getString("type"))),
                        "late answer delivered: " + c.unmatched()));
                return c.close();
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void standingQuestionUpdatesUntilCancelledAndTheReasonerIsTold(VertxTestContext ctx) {
        WsTestClient.connect(vertx, gatewayA.port(), "key").compose(c -> {
            c.send(Messages.askStanding("s1", "standing", "How many instruments are sounding in the video?"));
            return Future.all(c.expect("accepted", "s1"),
                    c.expect(m -> "answer".equals(m.getString("type")) && m.getInteger("revision") == 0),
                    c.expect(m -> "answer".equals(m.getString("type")) && m.getInteger("revision") == 1))
                    .compose(all -> {
                        String questionId = all.<JsonObject>resultAt(0).getString("questionId");
                        ctx.verify(() -> {
                            assertEquals("2", all.<JsonObject>resultAt(1).getString("answer"));
                            assertFalse(all.<JsonObject>resultAt(1).getBoolean("final"));
                            assertEquals("3", all.<JsonObject>resultAt(2).getString("answer"));
                            assertEquals("s1", all.<JsonObject>resultAt(2).getString("id"));
                        });
                        c.send(Messages.cancel("c1", questionId));
                        return c.expect(m -> "answer".equals(m.getString("type")) && "CANCELLED".equals(
                                m.getString("status"))).compose(cancelled -> {
                                    ctx.verify(() -> {
                                        assertTrue(cancelled.getBoolean("final"));
                                        assertEquals(questionId, cancelled.getString("questionId"));
                                    });
                                    return eventually(() -> reasoner.questions().stream().anyMatch(q ->
                                            q.getQuestionId().equals(questionId) && q.getMode() == QuestionMode.CANCEL));
                                });
                    }).compose(v -> c.close());
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void twoGatewaysEachGetOnlyTheirOwnAnswers(VertxTestContext ctx) {
        double foreignA = gatewayA.metrics().foreignAnswers();
        double foreignB = gatewayB.metrics().foreignAnswers();
        Future.all(WsTestClient.connect(vertx, gatewayA.port(), "key"), WsTestClient.connect(vertx, gatewayB.port(), "key"))
                .compose(clients -> {
                    WsTestClient a = clients.resultAt(0);
                    WsTestClient b = clients.resultAt(1);
                    for (int i = 0; i < 5; i++) {
                        a.send(Messages.ask("x" + i, "cam1", "Is there a voiceover?"));
                        b.send(Messages.ask("x" + i, "cam1", "Is there a voiceover?"));
                    }
                    List<Future<?>> all = new java.util.ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        all.add(Future.all(a.expect("accepted", "x" + i), a.expect("answer", "x" + i)));
                        all.add(Future.all(b.expect("accepted", "x" + i), b.expect("answer", "x" + i)));
                    }
                    return Future.all(all).compose(done -> Future.all(a.roundTripPing("end"), b.roundTripPing("end")))
                            .compose(done -> {
                                ctx.verify(() -> {
                                    for (int i = 0; i < all.size(); i++) {
                                        var pair = (io.vertx.core.CompositeFuture) all.get(i).result();
                                        JsonObject accepted = pair.resultAt(0);
                                        JsonObject answer = pair.resultAt(1);
                                        assertEquals(accepted.getString("questionId"), answer.getString("questionId"));
                                    }
                                    assertTrue(a.unmatched().stream().noneMatch(m -> "answer".equals(m.getString("type"))));
                                    assertTrue(b.unmatched().stream().noneMatch(m -> "answer".equals(m.getString("type"))));
                                    // Each instance filtered the other's answers by key, before decoding them.
                                    assertEquals(foreignA, gatewayA.metrics().foreignAnswers());
                                    assertEquals(foreignB, gatewayB.metrics().foreignAnswers());
                                    long toA = reasoner.questions().stream().filter(q -> q.getReplyTo().equals("gw-a")).count();
                                    long toB = reasoner.questions().stream().filter(q -> q.getReplyTo().equals("gw-b")).count();
                                    assertTrue(toA >= 5 && toB >= 5);
                                    assertNotEquals(a, b);
                                });
                                return Future.all(a.close(), b.close());
                            });
                }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void undecodableAnswerGoesToTheDeadLetterTopic(VertxTestContext ctx) throws Exception {
        reasoner.sendRaw("gw-b", TestReasoner.utf8("not an avro answer"));
        try (TopicReader<byte[], DeadLetter> dlq = new TopicReader<>(TOPICS.dlq())) {
            List<ConsumerRecord<byte[], DeadLetter>> letters = dlq.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
            ctx.verify(() -> {
                assertEquals(1, letters.size());
                DeadLetter letter = letters.get(0).value();
                assertEquals(TOPICS.answers().name(), letter.getTopic());
                assertEquals("gateway", letter.getStage());
                assertTrue(letter.getReason().contains("not an avqa record"), letter.getReason());
            });
        }
        ctx.completeNow();
    }
}
