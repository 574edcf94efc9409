package io.avqa.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.auth.TokenAuthenticator;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.support.GatewayFixture;
import io.avqa.gateway.support.Messages;
import io.avqa.gateway.support.TestReasoner;
import io.avqa.gateway.support.TestVertx;
import io.avqa.gateway.support.WsTestClient;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

/**
 * Protocol v1 over a real WebSocket against a gateway on the embedded broker, with a test reasoner
 * answering "yes" to every ONCE question: every bad input gets its error code and the socket stays
 * usable; auth denials; limits.
 */
@ExtendWith({EmbeddedKafkaExtension.class, VertxExtension.class})
class WebSocketProtocolTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    static final String JWT_SECRET = "protocol-test-secret-long-enough-for-hs256";
    static final String TOKENS = "admin=*;viewer=cam1;rate=*;standing=*;conn=*";

    static TestVertx testVertx;
    static Vertx vertx;
    static Gateway gateway;
    static TestReasoner reasoner;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        reasoner = new TestReasoner(EmbeddedKafkaExtension.bootstrapServers(), TOPICS,
                q -> q.getMode() == io.avqa.schemas.QuestionMode.ONCE
                        ? List.of(TestReasoner.Reply.now(TestReasoner.answerTo(q, "yes", 0, true)))
                        : List.of()).start();
        testVertx = TestVertx.create();
        vertx = testVertx.vertx();
        // 0.5 requests/s after a burst of 5: slow refill keeps the rate test exact on a loaded machine
        Limits limits = Limits.defaults().withRate(0.5, 5).withStandingPerConnection(2).withConnectionsPerToken(2);
        gateway = GatewayFixture.startReady(vertx, GatewayFixture.config(EmbeddedKafkaExtension.bootstrapServers(),
                TOPICS, "gw-protocol", TOKENS, Duration.ofSeconds(5), limits, JWT_SECRET));
    }

    @AfterEach
    void noBlockedEventLoop() {
        testVertx.assertNoBlockedEventLoop();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayFixture.await(gateway.close());
        reasoner.close();
        testVertx.close();
    }

    private static Future<WsTestClient> connect(String token) {
        return WsTestClient.connect(vertx, gateway.port(), token);
    }

    private static void assertError(JsonObject message, String code, String id) {
        assertEquals("error", message.getString("type"), message.encode());
        assertEquals(code, message.getString("code"), message.encode());
        assertEquals(id, message.getString("id"), message.encode());
        assertFalse(message.getString("message").isBlank());
    }

    private static java.util.function.Predicate<JsonObject> errorWith(String code) {
        return m -> "error".equals(m.getString("type")) && code.equals(m.getString("code"));
    }

    @Test
    void badInputsGetTheirErrorCodesAndTheSocketStaysOpen(VertxTestContext ctx) {
        connect("admin").compose(c -> {
            c.sendText("{this is not json");
            c.send(Messages.message("shout", "u1"));
            c.send(Messages.message("ask", "m1").put("stream", "cam1"));
            c.send(Messages.ping("v2").put("v", 2));
            c.socket().writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
            c.sendText(Messages.ping("big").put("pad", "x".repeat(20_000)).encode());
            c.send(Messages.ask("l1", "cam1", "Is the violin louder than the cello?".repeat(10)));
            return Future.all(List.of(
                    c.expect(errorWith("BAD_JSON")),
                    c.expect(errorWith("UNKNOWN_TYPE")),
                    c.expect(errorWith("MISSING_FIELD")),
                    c.expect(errorWith("UNSUPPORTED_VERSION")),
                    c.expect(errorWith("BINARY_NOT_SUPPORTED")),
                    c.expect(errorWith("FRAME_TOO_LARGE")),
                    c.expect(errorWith("QUESTION_TOO_LONG")))).compose(all -> {
                        ctx.verify(() -> {
                            assertError(all.resultAt(0), "BAD_JSON", null);
                            assertError(all.resultAt(1), "UNKNOWN_TYPE", "u1");
                            assertError(all.resultAt(2), "MISSING_FIELD", "m1");
                            assertError(all.resultAt(3), "UNSUPPORTED_VERSION", "v2");
                            assertError(all.resultAt(5), "FRAME_TOO_LARGE", null);
                            assertError(all.resultAt(6), "QUESTION_TOO_LONG", "l1");
                        });
                        return c.roundTripPing("still-open");
                    }).compose(pong -> {
                        ctx.verify(() -> assertEquals("still-open", pong.getString("id")));
                        return c.close();
                    });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void frameFarAboveTheLimitClosesTheSocket(VertxTestContext ctx) {
        connect("admin").compose(c -> {
            c.sendText(Messages.ping("huge").put("pad", "x".repeat(100_000)).encode());
            return c.closed();
        }).onComplete(ctx.succeeding(code -> ctx.verify(() -> {
            // Netty sends 1009 (message too big) and drops the connection; a client still writing its
            // frame usually sees the reset first (1006).
            assertTrue(code == 1009 || code == 1006, "close code " + code);
            ctx.completeNow();
        })));
    }

    @Test
    void socketWithoutTokenMayOnlyPingUntilItAuthenticatesWithAJwt(VertxTestContext ctx) {
        String jwt = TokenAuthenticator.hs256(vertx, JWT_SECRET).generateToken(
                new JsonObject().put("sub", "carol").put("streams", new JsonArray().add("cam1")),
                new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(5));
        connect(null).compose(c -> c.roundTripPing("p").compose(p -> {
            c.send(Messages.ask("a1", "cam1", "Is there a voiceover?"));
            c.send(Messages.subscribe("s1", "cam1"));
            return Future.all(c.expect("error", "a1"), c.expect("error", "s1"));
        }).compose(errors -> {
            ctx.verify(() -> {
                assertError(errors.resultAt(0), "UNAUTHENTICATED", "a1");
                assertError(errors.resultAt(1), "UNAUTHENTICATED", "s1");
            });
            c.send(Messages.auth("auth1", jwt));
            return c.expect("authenticated", "auth1");
        }).compose(ok -> {
            ctx.verify(() -> {
                assertEquals("jwt:carol", ok.getString("subject"));
                assertEquals(List.of("cam1"), ok.getJsonArray("streams").getList());
            });
            c.send(Messages.ask("a2", "cam1", "Is there a voiceover?"));
            return c.expect("answer", "a2");
        }).compose(answer -> {
            ctx.verify(() -> assertEquals("yes", answer.getString("answer")));
            return c.close();
        })).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void badTokenIsReportedAtConnectAndTheSocketCanStillAuthenticate(VertxTestContext ctx) {
        connect("not-a-token").compose(c -> c.expect(errorWith("INVALID_TOKEN")).compose(e -> {
            ctx.verify(() -> assertNull(e.getString("id")));
            c.send(Messages.ask("a1", "cam1", "Is there a voiceover?"));
            return c.expect("error", "a1");
        }).compose(e -> {
            ctx.verify(() -> assertError(e, "UNAUTHENTICATED", "a1"));
            c.send(Messages.auth("bad", "also-wrong"));
            return c.expect("error", "bad");
        }).compose(e -> {
            ctx.verify(() -> assertError(e, "INVALID_TOKEN", "bad"));
            c.send(Messages.auth("good", "viewer"));
            return c.expect("authenticated", "good");
        }).compose(ok -> c.close())).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void streamNotGrantedIsForbiddenAndAllowedStreamsStillWork(VertxTestContext ctx) {
        connect("viewer").compose(c -> {
            c.send(Messages.ask("f1", "cam2", "Is there a voiceover?"));
            c.send(Messages.subscribe("f2", "cam2"));
            return Future.all(c.expect("error", "f1"), c.expect("error", "f2")).compose(errors -> {
                ctx.verify(() -> {
                    assertError(errors.resultAt(0), "STREAM_FORBIDDEN", "f1");
                    assertError(errors.resultAt(1), "STREAM_FORBIDDEN", "f2");
                });
                c.send(Messages.subscribe("ok1", "cam1"));
                c.send(Messages.ask("ok2", "cam1", "Is there a voiceover?"));
                return Future.all(c.expect("subscribed", "ok1"), c.expect("accepted", "ok2"), c.expect("answer", "ok2"));
            }).compose(ok -> {
                ctx.verify(() -> {
                    JsonObject accepted = ok.resultAt(1);
                    JsonObject answer = ok.resultAt(2);
                    assertEquals(accepted.getString("questionId"), answer.getString("questionId"));
                    assertEquals("OK", answer.getString("status"));
                    assertTrue(answer.getBoolean("final"));
                });
                return c.close();
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void tokenBucketLimitsRequestsPerToken(VertxTestContext ctx) {
        int asks = 9; // burst 5 at 0.5/s: unless this takes over 2 s, no more is refilled
        connect("rate").compose(c -> {
            List<Future<JsonObject>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < asks; i++) {
                c.send(Messages.ask("r" + i, "cam1", "Is there a voiceover?"));
                String id = "r" + i;
                replies.add(c.expect(m -> id.equals(m.getString("id"))
                        && ("accepted".equals(m.getString("type")) || "error".equals(m.getString("type")))));
            }
            return Future.all(replies).compose(all -> {
                ctx.verify(() -> {
                    long accepted = all.<JsonObject>list().stream().filter(m -> "accepted".equals(m.getString("type"))).count();
                    long limited = all.<JsonObject>list().stream().filter(errorWith("RATE_LIMITED")).count();
                    assertEquals(asks, accepted + limited);
                    assertTrue(accepted >= 5 && accepted <= 6, "accepted " + accepted);
                    assertTrue(limited >= 3, "limited " + limited);
                });
                return c.roundTripPing("alive").compose(p -> c.close());
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void standingQuestionsPerConnectionAreCapped(VertxTestContext ctx) {
        connect("standing").compose(c -> {
            c.send(Messages.askStanding("s1", "cam1", "How many instruments are sounding in the video?"));
            c.send(Messages.askStanding("s2", "cam1", "Is there a voiceover?"));
            c.send(Messages.askStanding("s3", "cam1", "Is there a voiceover?"));
            return Future.all(c.expect("accepted", "s1"), c.expect("accepted", "s2"), c.expect("error", "s3"))
                    .compose(all -> {
                        ctx.verify(() -> assertError(all.resultAt(2), "TOO_MANY_STANDING", "s3"));
                        c.send(Messages.cancel("c1", all.<JsonObject>resultAt(0).getString("questionId")));
                        return c.expect("answer", "s1");
                    }).compose(cancelled -> {
                        ctx.verify(() -> {
                            assertEquals("CANCELLED", cancelled.getString("status"));
                            assertTrue(cancelled.getBoolean("final"));
                        });
                        c.send(Messages.askStanding("s4", "cam1", "Is there a voiceover?"));
                        c.send(Messages.cancel("c2", "no-such-question"));
                        return Future.all(c.expect("accepted", "s4"), c.expect("error", "c2"));
                    }).compose(all -> {
                        ctx.verify(() -> assertError(all.resultAt(1), "UNKNOWN_QUESTION", "c2"));
                        return c.close();
                    });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void tokenOverItsConnectionLimitIsToldAndClosed(VertxTestContext ctx) {
        Future.all(connect("conn"), connect("conn")).compose(two -> {
            WsTestClient first = two.resultAt(0);
            WsTestClient second = two.resultAt(1);
            // Both are counted once they answered a ping (authentication happened before it).
            return Future.all(first.roundTripPing("a"), second.roundTripPing("b"))
                    .compose(p -> connect("conn"))
                    .compose(third -> Future.all(third.expect(errorWith("TOO_MANY_CONNECTIONS")), third.closed())
                            .compose(r -> {
                                ctx.verify(() -> assertEquals((short) 1008, r.<Short>resultAt(1)));
                                return first.close();
                            }))
                    .compose(v -> second.roundTripPing("still"))
                    .compose(v -> second.close());
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void upgradesOnOtherPathsAreRejected(VertxTestContext ctx) {
        vertx.createWebSocketClient().connect(gateway.port(), "127.0.0.1", "/not-ws")
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertNotNull(e.getMessage());
                    assertTrue(e.getMessage().contains("404"), e.getMessage());
                    ctx.completeNow();
                })));
    }
}
