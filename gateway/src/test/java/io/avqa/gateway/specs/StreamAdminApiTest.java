package io.avqa.gateway.specs;

import static io.avqa.gateway.support.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import io.avqa.gateway.support.Http;
import io.avqa.gateway.support.Messages;
import io.avqa.gateway.support.TestReasoner;
import io.avqa.gateway.support.TestVertx;
import io.avqa.gateway.support.WsTestClient;
import io.avqa.schemas.DesiredState;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /api/streams} and {@code DELETE /api/streams/{id}} against a gateway on the embedded broker: every
 * refusal with its status and code, the spec as ingest will read it from the topic, the tombstone, the listing,
 * and the CANCELLED end of the removed stream's standing questions.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamAdminApiTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    static final String TOKENS = "ops=*,+admin;viewer=*;manager=+admin";

    static TestVertx testVertx;
    static Gateway gateway;
    static TestReasoner reasoner;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        // answers a standing question once, not finally, so it stays open until something ends it
        reasoner = new TestReasoner(EmbeddedKafkaExtension.bootstrapServers(), TOPICS,
                q -> q.getMode() == QuestionMode.STANDING
                        ? List.of(TestReasoner.Reply.now(TestReasoner.answerTo(q, "yes", 0, false))) : List.of()).start();
        testVertx = TestVertx.create();
        gateway = GatewayFixture.startReady(testVertx.vertx(), GatewayFixture.config(
                EmbeddedKafkaExtension.bootstrapServers(), TOPICS, "gw-specs", TOKENS, Duration.ofSeconds(10),
                Limits.defaults(), null));
        http = new Http(gateway.port());
    }

    @AfterEach
    void noBlockedEventLoop() {
        testVertx.assertNoBlockedEventLoop();
    }

    @AfterAll
    static void stop() throws Exception {
        await(http.close());
        await(gateway.close());
        reasoner.close();
        testVertx.close();
    }

    private static Http.Response add(String token, String body) throws Exception {
        return await(http.post("/api/streams", token, body));
    }

    private static String spec(String id, String source) {
        return new JsonObject().put("id", id).put("source", source).encode();
    }

    private static void assertError(Http.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getString("code"), r.body());
    }

    @Test
    void managingStreamsNeedsAToken() throws Exception {
        assertError(add(null, spec("no-token", "/media/a.mp4")), 401, "UNAUTHENTICATED");
        assertError(await(http.delete("/api/streams/no-token", null)), 401, "UNAUTHENTICATED");
        assertError(add("wrong", spec("no-token", "/media/a.mp4")), 401, "INVALID_TOKEN");
    }

    @Test
    void aTokenWithoutTheAdminGrantIsRefused403SayingHowToGetOne() throws Exception {
        Http.Response added = add("viewer", spec("viewer-cam", "/media/a.mp4"));
        assertError(added, 403, "ADMIN_REQUIRED");
        assertTrue(added.json().getString("message").contains("+admin"), added.body());
        assertError(await(http.delete("/api/streams/viewer-cam", "viewer")), 403, "ADMIN_REQUIRED");
        assertError(add("viewer", "not json"), 403, "ADMIN_REQUIRED"); // the grant is checked before the body
    }

    @Test
    void anUnsupportedSchemeIs400NamingTheAcceptedFormsButNotTheCredentials() throws Exception {
        Http.Response r = add("ops", spec("ftp-cam", "ftp://alice:hunter2@files.example/clip.mp4"));
        assertError(r, 400, "INVALID_FIELD");
        String message = r.json().getString("message");
        assertTrue(message.startsWith("unsupported source scheme 'ftp'"), message);
        assertTrue(message.contains("rtsp://"), "names the accepted forms: " + message);
        assertFalse(r.body().contains("hunter2"), r.body());
        assertError(add("ops", spec("empty-source", " ")), 400, "INVALID_FIELD");
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoGoodIdIs400SayingWhatToSend() throws Exception {
        Http.Response notJson = add("ops", "cam1 please");
        assertError(notJson, 400, "BAD_JSON");
        assertTrue(notJson.json().getString("message").contains("\"id\": \"cam1\""), notJson.body());
        assertError(add("ops", ""), 400, "BAD_JSON");
        assertError(add("ops", "[1, 2]"), 400, "BAD_JSON");
        assertError(add("ops", "{\"source\": \"/media/a.mp4\"}"), 400, "MISSING_FIELD");
        assertError(add("ops", "{\"id\": \"cam-x\"}"), 400, "MISSING_FIELD");
        Http.Response slash = add("ops", spec("../etc", "/media/a.mp4"));
        assertError(slash, 400, "INVALID_FIELD");
        assertTrue(slash.json().getString("message").contains("1 to 128 of A-Z a-z 0-9 . _ -"), slash.body());
        assertError(add("ops", spec("c".repeat(129), "/media/a.mp4")), 400, "INVALID_FIELD");
        assertError(add("ops", "{\"id\": \"r\", \"source\": \"/media/a.mp4\", \"rate\": -1}"), 400, "INVALID_FIELD");
        assertError(add("ops", "{\"id\": \"r\", \"source\": \"/media/a.mp4\", \"rate\": \"fast\"}"), 400, "INVALID_FIELD");
        assertError(add("ops", "{\"id\": \"r\", \"source\": \"/media/a.mp4\", \"loop\": \"yes\"}"), 400, "INVALID_FIELD");
        Http.Response typo = add("ops", "{\"id\": \"r\", \"source\": \"/media/a.mp4\", \"rte\": 2}");
        assertError(typo, 400, "INVALID_FIELD");
        assertTrue(typo.json().getString("message").startsWith("unknown field \"rte\""), typo.body());
        assertTrue(specRecords("r").isEmpty(), "a refused request writes nothing");
    }

    @Test
    void anIdThatAlreadyHasASpecIs409() throws Exception {
        assertEquals(201, add("ops", spec("twice", "/media/a.mp4")).status());
        Http.Response again = add("manager", spec("twice", "/media/b.mp4"));
        assertError(again, 409, "STREAM_EXISTS");
        assertTrue(again.json().getString("message").contains("DELETE /api/streams/twice"), again.body());
        assertEquals(1, specRecords("twice").size(), "the second add wrote nothing");
    }

    @Test
    void removingAStreamThatHasNoSpecIs404() throws Exception {
        Http.Response r = await(http.delete("/api/streams/never-added", "ops"));
        assertError(r, 404, "UNKNOWN_STREAM");
        assertTrue(r.json().getString("message").contains("GET /api/streams lists them"), r.body());
    }

    @Test
    void anAddedStreamIsOnTheTopicWithItsCredentialsAndShownRedacted() throws Exception {
        long before = System.currentTimeMillis();
        Http.Response r = add("ops", new JsonObject().put("id", "door-cam").put("source",
                "rtsp://alice:hunter2@cam.example/live").put("rate", 2).put("loop", true).encode());
        long after = System.currentTimeMillis();
        assertEquals(201, r.status(), r.body());
        JsonObject shown = r.json();
        assertEquals("rtsp://***@cam.example/live", shown.getString("source"));
        assertEquals("NETWORK", shown.getString("sourceKind"));
        assertEquals(2.0, shown.getDouble("rate"));
        assertTrue(shown.getBoolean("loop"));
        assertEquals("RUNNING", shown.getString("desiredState"));
        assertTrue(shown.getString("createdBy").startsWith("key:"), "the subject, never the token: " + r.body());
        assertFalse(r.body().contains("hunter2"), r.body());

        List<byte[]> records = specRecords("door-cam");
        assertEquals(1, records.size());
        StreamSpec written = Contracts.STREAM_SPEC.decode(records.get(0));
        assertEquals("rtsp://alice:hunter2@cam.example/live", written.getSource(), "ingest needs the credentials");
        assertEquals(2.0, written.getRate());
        assertTrue(written.getLoop());
        assertEquals(DesiredState.RUNNING, written.getDesiredState());
        assertEquals(shown.getString("createdBy"), written.getCreatedBy());
        assertTrue(written.getOriginMs() >= before && written.getOriginMs() <= after, "origin is the time of adding");
        assertEquals(written.getOriginMs(), written.getUpdatedMs());

        // read-your-writes: listed at once, though no ingest instance has started it
        Http.Response listed = await(http.get("/api/streams", "ops"));
        JsonObject door = find(listed.json(), "door-cam");
        assertTrue(listed.json().getBoolean("admin"));
        assertEquals("PENDING", door.getString("state"));
        assertTrue(door.getBoolean("managed"));
        assertEquals(-1L, door.getLong("lastSeq"));
        assertEquals("rtsp://***@cam.example/live", door.getString("source"));
        assertFalse(listed.body().contains("hunter2"), listed.body());
        assertEquals(200, await(http.get("/api/streams/door-cam", "ops")).status());

        // an admin key without streams sees the managed ones; a viewer is told it is no admin
        assertNotNull(find(await(http.get("/api/streams", "manager")).json(), "door-cam"));
        assertFalse(await(http.get("/api/streams", "viewer")).json().getBoolean("admin"));
    }

    @Test
    void removingAStreamWritesATombstoneAndEndsItsStandingQuestionsWithCancelled() throws Exception {
        assertEquals(201, add("ops", spec("stage-cam", "/media/stage.mp4")).status());
        WsTestClient ws = await(WsTestClient.connect(testVertx.vertx(), gateway.port(), "ops"));
        assertTrue(await(ws.expect(m -> "authenticated".equals(m.getString("type")))).getBoolean("admin"));
        ws.send(Messages.askStanding("s1", "stage-cam", "is the violin always playing?"));
        String questionId = await(ws.expect("accepted", "s1")).getString("questionId");
        assertEquals(0, await(ws.expect("answer", "s1")).getInteger("revision"));

        Http.Response removed = await(http.delete("/api/streams/stage-cam", "ops"));
        assertEquals(200, removed.status(), removed.body());
        assertTrue(removed.json().getBoolean("removed"));

        JsonObject last = await(ws.expect("answer", "s1"));
        assertEquals("CANCELLED", last.getString("status"));
        assertTrue(last.getBoolean("final"));
        assertEquals(1, last.getInteger("revision"), "the revision after the last one sent");
        assertTrue(last.getString("reason").contains("stage-cam' was removed"), last.encode());
        List<byte[]> records = specRecords("stage-cam");
        assertEquals(2, records.size());
        assertNull(records.get(1), "the removal is a tombstone");
        assertNull(find(await(http.get("/api/streams", "ops")).json(), "stage-cam"), "no longer listed");
        assertError(await(http.delete("/api/streams/stage-cam", "ops")), 404, "UNKNOWN_STREAM");
        awaitTrue(() -> reasoner.questions().stream().anyMatch(q -> q.getMode() == QuestionMode.CANCEL
                && q.getQuestionId().equals(questionId)), "the reasoner is told to forget the standing question");
        assertEquals(201, add("ops", spec("stage-cam", "/media/stage.mp4")).status(), "the id may be added again");
        await(ws.close());
    }

    @Test
    void aTombstoneWrittenByAnotherGatewayEndsTheQuestionsHereToo() throws Exception {
        assertEquals(201, add("ops", spec("hall-cam", "/media/hall.mp4")).status());
        WsTestClient ws = await(WsTestClient.connect(testVertx.vertx(), gateway.port(), "viewer"));
        ws.send(Messages.askStanding("h1", "hall-cam", "is there a cello?"));
        await(ws.expect("answer", "h1"));
        try (KafkaProducer<String, byte[]> other = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            other.send(new ProducerRecord<>(TOPICS.streamSpecs().name(), "hall-cam", null)).get(30, TimeUnit.SECONDS);
        }
        JsonObject last = await(ws.expect("answer", "h1"));
        assertEquals("CANCELLED", last.getString("status"));
        assertTrue(last.getBoolean("final"));
        await(ws.close());
    }

    @Test
    void aSyntheticSourceIs400SinceOnlyTheDemoRunsIt() throws Exception {
        Http.Response r = add("ops", spec("demo-like", "synthetic:quartet"));
        assertError(r, 400, "INVALID_FIELD");
        assertTrue(r.body().contains("file path or a stream URL"), r.body());
        assertTrue(specRecords("demo-like").isEmpty(), "nothing written");
    }

    @Test
    void theIdOfAStreamAnUnmanagedIngestRunsIs409AndAnEndedOneMayBeTaken() throws Exception {
        try (FeedProducer feeds = new FeedProducer(EmbeddedKafkaExtension.bootstrapServers(), TOPICS)) {
            feeds.send(FeedProducer.status("cli-cam", StreamState.LIVE, 41));
            feeds.send(FeedProducer.status("old-cam", StreamState.ENDED, 7));
        }
        awaitTrue(() -> find(listing("viewer"), "cli-cam") != null && find(listing("viewer"), "old-cam") != null,
                "the statuses reach the gateway");
        Http.Response taken = add("ops", spec("cli-cam", "/media/cli.mp4"));
        assertError(taken, 409, "STREAM_EXISTS");
        assertTrue(taken.body().contains("is running (LIVE"), taken.body());
        assertTrue(specRecords("cli-cam").isEmpty(), "nothing written");
        assertEquals(201, add("ops", spec("old-cam", "/media/old.mp4")).status(), "an ended stream's id is free");
    }

    @Test
    void aRemovedStreamLeavesTheListingWhenIngestReportsItEnded() throws Exception {
        assertEquals(201, add("ops", spec("gone-cam", "/media/gone.mp4")).status());
        try (FeedProducer feeds = new FeedProducer(EmbeddedKafkaExtension.bootstrapServers(), TOPICS)) {
            feeds.send(FeedProducer.status("gone-cam", StreamState.LIVE, 3));
            awaitTrue(() -> "LIVE".equals(stateIn(listing("viewer"), "gone-cam")), "the LIVE status is listed");
            assertEquals(200, await(http.delete("/api/streams/gone-cam", "ops")).status());
            feeds.send(FeedProducer.status("gone-cam", StreamState.ENDED, 4)); // what ingest reports on removal
            feeds.send(FeedProducer.status("ended-cam", StreamState.ENDED, 9)); // never managed: stays listed
        }
        // it was listed (LIVE) until its ENDED arrived; without the rule it would stay listed, ENDED, for good
        awaitTrue(() -> find(listing("viewer"), "gone-cam") == null, "a removed stream leaves the listing once it ended");
        awaitTrue(() -> find(listing("viewer"), "ended-cam") != null, "an ENDED stream that was never managed stays");
        assertNull(find(listing("ops"), "gone-cam"), "not listed for an admin either");
        assertEquals(200, await(http.get("/api/streams/gone-cam", "viewer")).status(), "its last status is still readable");
    }

    private static JsonObject listing(String token) {
        try {
            return await(http.get("/api/streams", token)).json();
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/streams failed", e);
        }
    }

    private static String stateIn(JsonObject listing, String stream) {
        JsonObject s = find(listing, stream);
        return s == null ? null : s.getString("state");
    }

    private static JsonObject find(JsonObject listing, String stream) {
        for (Object o : listing.getJsonArray("streams")) {
            JsonObject s = (JsonObject) o;
            if (stream.equals(s.getString("stream"))) {
                return s;
            }
        }
        return null;
    }

    /** Every value (null for a tombstone) written to the spec topic under {@code key}, in order. */
    private static List<byte[]> specRecords(String key) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(TOPICS.streamSpecs().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            List<byte[]> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> c.position(p) < ends.get(p))) {
                assertTrue(System.currentTimeMillis() < deadline, "spec topic not read within 30 s");
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
            return values;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within 10 s");
            Thread.sleep(20); // polls another process's Kafka consumer: nothing to wait on here
        }
    }
}
