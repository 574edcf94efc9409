package io.avqa.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.gateway.Warmup;
import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.protocol.AskMode;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.gateway.support.TestVertx;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

@ExtendWith(VertxExtension.class)
class AnswerRouterTest {
    private final TestVertx testVertx = TestVertx.create();
    private final Vertx vertx = testVertx.vertx();
    private final GatewayMetrics metrics = new GatewayMetrics("router-test");

    /** Records every reply; terminal replies are counted separately. */
    private static class Replies implements Recipient {
        final List<Answer> answers = new ArrayList<>();
        final List<GatewayError> failures = new ArrayList<>();
        int terminal;

        @Override
        public void answer(PendingQuestion question, IncomingAnswer answer, boolean isTerminal) {
            answers.add(answer.answer());
            if (isTerminal) {
                terminal++;
            }
        }

        @Override
        public void failed(PendingQuestion question, GatewayError error) {
            failures.add(error);
            terminal++;
        }
    }

    @BeforeAll
    static void warmUp() {
        Warmup.run(); // as the gateway does on a worker before serving
    }

    @AfterEach
    void noBlockedEventLoop() throws Exception {
        testVertx.assertNoBlockedEventLoop();
        testVertx.close();
    }

    private static PendingQuestion question(String id, AskMode mode) {
        return new PendingQuestion(id, "c-" + id, "cam1", mode, System.nanoTime());
    }

    private static IncomingAnswer answerFor(String questionId, int revision, boolean isFinal) {
        return IncomingAnswer.of(Answer.newBuilder().setQuestionId(questionId).setStreamId("cam1").setReplyTo("gw")
                .setStatus(AnswerStatus.OK).setAnswer("yes").setRevision(revision).setFinal$(isFinal).build());
    }

    @Test
    void onceQuestionEndsWithItsFirstAnswerAndDropsRepeats(VertxTestContext ctx) {
        vertx.runOnContext(v -> ctx.verify(() -> {
            AnswerRouter router = new AnswerRouter(vertx, Duration.ofSeconds(5), metrics);
            Replies replies = new Replies();
            router.register(question("q1", AskMode.ONCE), replies);
            router.onAnswer(answerFor("q1", 0, true));
            router.onAnswer(answerFor("q1", 0, true)); // at-least-once redelivery
            router.onAnswer(answerFor("q1", 1, true)); // something after the terminal reply
            router.onAnswer(answerFor("never-asked", 0, true));
            assertEquals(1, replies.answers.size());
            assertEquals(1, replies.terminal);
            assertEquals(0, router.pendingCount());
            assertEquals(1, metrics.duplicateAnswers());
            assertEquals(1, metrics.lateAnswers());
            assertEquals(1, metrics.foreignAnswers());
            ctx.completeNow();
        }));
    }

    @Test
    void aRemovedStreamsQuestionsEndWithOneFinalCancelledAndOtherStreamsKeepTheirs(VertxTestContext ctx) {
        vertx.runOnContext(v -> ctx.verify(() -> {
            AnswerRouter router = new AnswerRouter(vertx, Duration.ofSeconds(5), metrics);
            Replies replies = new Replies();
            router.register(question("standing", AskMode.STANDING), replies);
            router.register(question("once", AskMode.ONCE), replies);
            router.register(new PendingQuestion("elsewhere", "c-e", "cam2", AskMode.STANDING, System.nanoTime()), replies);
            router.onAnswer(answerFor("standing", 0, false));
            router.onAnswer(answerFor("standing", 1, false));

            List<PendingQuestion> ended = router.endStream("cam1", "stream 'cam1' was removed");
            assertEquals(List.of("once", "standing"), ended.stream().map(PendingQuestion::questionId).sorted().toList());
            List<Answer> cancelled = replies.answers.subList(2, replies.answers.size());
            assertEquals(2, cancelled.size());
            for (Answer a : cancelled) {
                assertEquals(AnswerStatus.CANCELLED, a.getStatus());
                assertTrue(a.getFinal$());
                assertEquals("stream 'cam1' was removed", a.getReason());
            }
            assertEquals(2, cancelled.stream().filter(a -> a.getQuestionId().equals("standing")).findFirst()
                    .orElseThrow().getRevision(), "the revision after the last one sent");
            assertEquals(2, replies.terminal);
            assertEquals(1, router.pendingCount(), "cam2's question is still open");
            router.onAnswer(answerFor("standing", 2, false)); // the reasoner, before it got the cancel
            assertEquals(4, replies.answers.size());
            assertEquals(1, metrics.lateAnswers());
            ctx.completeNow();
        }));
    }

    @Test
    void unansweredQuestionGetsTimeoutAsItsOnlyTerminalReply(VertxTestContext ctx) {
        vertx.runOnContext(v -> {
            AnswerRouter router = new AnswerRouter(vertx, Duration.ofMillis(100), metrics);
            Replies replies = new Replies() {
                @Override
                public void failed(PendingQuestion question, GatewayError error) {
                    super.failed(question, error);
                    ctx.verify(() -> {
                        assertEquals(ErrorCode.TIMEOUT, error.code());
                        assertEquals("c-q2", error.clientId());
                        assertEquals(0, router.pendingCount());
                        router.onAnswer(answerFor("q2", 0, true)); // arrives after the timeout
                        assertTrue(answers.isEmpty());
                        assertEquals(1, terminal);
                        assertEquals(1, metrics.lateAnswers());
                        assertEquals(1, metrics.timeouts());
                        ctx.completeNow();
                    });
                }
            };
            router.register(question("q2", AskMode.ONCE), replies);
        });
    }

    @Test
    void standingQuestionUpdatesUntilAFinalAnswerAndDoesNotTimeOutOnceAnswered(VertxTestContext ctx) {
        vertx.runOnContext(v -> {
            AnswerRouter router = new AnswerRouter(vertx, Duration.ofMillis(100), metrics);
            Replies replies = new Replies();
            router.register(question("s1", AskMode.STANDING), replies);
            router.onAnswer(answerFor("s1", 0, false));
            router.onAnswer(answerFor("s1", 1, false));
            router.onAnswer(answerFor("s1", 1, false)); // duplicate update
            // Well past the timeout: a standing question that got its first answer lives on.
            vertx.setTimer(300, t -> ctx.verify(() -> {
                assertEquals(2, replies.answers.size());
                assertEquals(0, replies.terminal);
                assertEquals(1, router.pendingCount());
                router.onAnswer(answerFor("s1", 2, true));
                assertEquals(3, replies.answers.size());
                assertEquals(1, replies.terminal);
                assertEquals(0, router.pendingCount());
                assertEquals(1, metrics.duplicateAnswers());
                assertEquals(0, metrics.timeouts());
                ctx.completeNow();
            }));
        });
    }

    @Test
    void cancelledQuestionGetsNoReplyFromTheRouter(VertxTestContext ctx) {
        vertx.runOnContext(v -> {
            AnswerRouter router = new AnswerRouter(vertx, Duration.ofMillis(100), metrics);
            Replies replies = new Replies();
            router.register(question("s2", AskMode.STANDING), replies);
            assertNotNull(router.cancel("s2"));
            vertx.setTimer(300, t -> ctx.verify(() -> {
                router.onAnswer(answerFor("s2", 0, false));
                assertTrue(replies.answers.isEmpty());
                assertTrue(replies.failures.isEmpty(), "no TIMEOUT after a cancel");
                assertFalse(router.cancel("s2") != null);
                assertEquals(1, metrics.lateAnswers());
                ctx.completeNow();
            }));
        });
    }
}
