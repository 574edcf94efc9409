package io.avqa.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.support.FeedProducer;
import io.avqa.gateway.support.GatewayFixture;
import io.avqa.gateway.support.Messages;
import io.avqa.gateway.support.TestVertx;
import io.avqa.gateway.support.WsTestClient;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

/**
 * A subscriber that stops reading while insights flood in: the gateway must close it with 1013 once its
 * write queue is full, instead of buffering the whole flood, while a reading subscriber keeps receiving.
 */
@ExtendWith({EmbeddedKafkaExtension.class, VertxExtension.class})
class SlowConsumerTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    static final int FLOOD = 30_000;
    static final int QUEUE_BYTES = 64 * 1024;

    static TestVertx testVertx;
    static Vertx vertx;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        testVertx = TestVertx.create();
        vertx = testVertx.vertx();
        gateway = GatewayFixture.startReady(vertx, GatewayFixture.config(EmbeddedKafkaExtension.bootstrapServers(),
                TOPICS, "gw-slow", "key=*", Duration.ofSeconds(5), Limits.defaults().withWriteQueueBytes(QUEUE_BYTES),
                null));
    }

    @AfterEach
    void noBlockedEventLoop() {
        testVertx.assertNoBlockedEventLoop();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayFixture.await(gateway.close());
        testVertx.close();
    }

    static Future<Void> eventually(java.util.function.BooleanSupplier condition) {
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
    void clientThatStopsReadingIsClosedWith1013AndOthersKeepReceiving(VertxTestContext ctx) {
        WebSocketClientOptions smallWindow = new WebSocketClientOptions().setReceiveBufferSize(8 * 1024);
        Future.all(WsTestClient.connect(vertx, gateway.port(), "key", smallWindow),
                WsTestClient.connect(vertx, gateway.port(), "key")).compose(clients -> {
                    WsTestClient slow = clients.resultAt(0);
                    WsTestClient reader = clients.resultAt(1);
                    slow.send(Messages.subscribe("s", "flood"));
                    reader.send(Messages.subscribe("r", "flood"));
                    return Future.all(slow.expect("subscribed", "s"), reader.expect("subscribed", "r")).compose(ok -> {
                        slow.socket().pause(); // stop reading: TCP backpressure reaches the gateway's write queue
                        vertx.executeBlocking(() -> {
                            try (FeedProducer feed = new FeedProducer(EmbeddedKafkaExtension.bootstrapServers(), TOPICS)) {
                                for (int seq = 0; seq < FLOOD; seq++) {
                                    feed.send(FeedProducer.insight("flood", seq));
                                }
                                feed.flush();
                            }
                            return null;
                        });
                        return eventually(() -> gateway.metrics().slowConsumerCloses() >= 1);
                    }).compose(v -> {
                        slow.socket().resume(); // read what was queued, then the close frame
                        return slow.closed();
                    }).compose(code -> {
                        ctx.verify(() -> {
                            assertEquals((short) 1013, code);
                            assertTrue(slow.received() < FLOOD / 2, "the gateway stopped writing to the slow client"
                                    + " instead of buffering the flood: it received " + slow.received());
                        });
                        return eventually(() -> reader.received() >= FLOOD);
                    }).compose(v -> {
                        ctx.verify(() -> assertEquals(1.0, gateway.metrics().slowConsumerCloses()));
                        return reader.close();
                    });
                }).onComplete(ctx.succeedingThenComplete());
    }
}
