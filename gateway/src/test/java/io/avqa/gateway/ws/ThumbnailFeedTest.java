package io.avqa.gateway.ws;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
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
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A watched stream's newest frame rides on its next insight as the dashboard's thumbnail, once per frame. */
@ExtendWith({EmbeddedKafkaExtension.class, VertxExtension.class})
class ThumbnailFeedTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");

    static TestVertx testVertx;
    static Gateway gateway;
    static FeedProducer feed;
    static KafkaProducer<String, Segment> segments;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        testVertx = TestVertx.create();
        gateway = GatewayFixture.startReady(testVertx.vertx(), GatewayFixture.config(
                EmbeddedKafkaExtension.bootstrapServers(), TOPICS, "gw-thumbs", "admin=*", Duration.ofSeconds(5),
                Limits.defaults(), null));
        feed = new FeedProducer(EmbeddedKafkaExtension.bootstrapServers(), TOPICS);
        segments = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaExtension.bootstrapServers()), TOPICS.segments().keySerde().serializer(),
                TOPICS.segments().valueSerde().serializer());
    }

    @AfterAll
    static void stop() throws Exception {
        segments.close();
        feed.close();
        GatewayFixture.await(gateway.close());
        testVertx.close();
    }

    static Segment segment(String stream, long seq, byte[] jpeg) {
        return Segment.newBuilder().setStreamId(stream).setSeq(seq).setStartMs(seq * 1000).setFrame(ByteBuffer.wrap(jpeg))
                .setFrameWidth(224).setFrameHeight(224).setAudio(ByteBuffer.allocate(32000))
                .setIngestMs(System.currentTimeMillis()).build();
    }

    @Test
    void aNewFrameIsSentWithTheNextInsightAndNotRepeated() throws Exception {
        feed.send(FeedProducer.status("cam1", StreamState.LIVE, 0));
        WsTestClient c = GatewayFixture.await(WsTestClient.connect(testVertx.vertx(), gateway.port(), "admin"));
        c.send(Messages.subscribe("s1", "cam1"));
        GatewayFixture.await(c.expect("subscribed", "s1"));

        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        segments.send(new ProducerRecord<>(TOPICS.segments().name(), "cam1", segment("cam1", 5, jpeg))).get();
        // the frame and the insight travel on different topics: send insights until one carries the frame
        JsonObject withThumbnail = null;
        for (long seq = 5; seq < 40 && withThumbnail == null; seq++) {
            feed.send(FeedProducer.insight("cam1", seq));
            feed.flush();
            long sent = seq;
            JsonObject m = GatewayFixture.await(c.expect(x -> "insight".equals(x.getString("type"))
                    && x.getLong("seq") == sent));
            if (m.containsKey("thumbnail")) {
                withThumbnail = m;
            }
        }
        assertFalse(withThumbnail == null, "no insight carried the frame");
        assertArrayEquals(jpeg, Base64.getDecoder().decode(withThumbnail.getString("thumbnail")));
        assertEquals(5L, withThumbnail.getLong("thumbnailSeq"));

        long next = withThumbnail.getLong("seq") + 1;
        feed.send(FeedProducer.insight("cam1", next));
        feed.flush();
        JsonObject later = GatewayFixture.await(c.expect(x -> "insight".equals(x.getString("type"))
                && x.getLong("seq") == next));
        assertFalse(later.containsKey("thumbnail"), "an unchanged frame is not sent again");
        GatewayFixture.await(c.close());
    }
}
