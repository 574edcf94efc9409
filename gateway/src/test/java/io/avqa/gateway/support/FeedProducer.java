package io.avqa.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.schemas.Insight;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.TemplateSpec;
import io.avqa.schemas.SourceKind;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.topic.Topics;

/** Writes stream statuses and insights as ingest and the reasoner would, for tests and benchmarks. */
public final class FeedProducer implements AutoCloseable {
    public static final List<String> CATEGORIES = List.of("violin", "cello", "piano", "flute", "drum", "trumpet");

    private final Topics topics;
    private final KafkaProducer<String, StreamStatus> statuses;
    private final KafkaProducer<String, Insight> insights;
    private final KafkaProducer<String, ModelTemplates> models;

    public FeedProducer(String bootstrapServers, Topics topics) {
        this.topics = topics;
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        statuses = new KafkaProducer<>(props, topics.streams().keySerde().serializer(),
                topics.streams().valueSerde().serializer());
        insights = new KafkaProducer<>(props, topics.insights().keySerde().serializer(),
                topics.insights().valueSerde().serializer());
        models = new KafkaProducer<>(props, topics.models().keySerde().serializer(),
                topics.models().valueSerde().serializer());
    }

    /** A model's templates as a reasoner publishes them: each text typed Audio/Comparative, slots read from it. */
    public static ModelTemplates templates(String modelId, long publishedMs, String... texts) {
        List<TemplateSpec> specs = new ArrayList<>();
        for (String t : texts) {
            List<String> slots = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(\\w+)>").matcher(t);
            while (m.find()) {
                slots.add(m.group(1));
            }
            specs.add(new TemplateSpec(t, "Audio/Comparative", slots));
        }
        return ModelTemplates.newBuilder().setModelId(modelId).setPublishedMs(publishedMs).setTemplates(specs)
                .setSlotValues(Map.of("Object", List.of("cello", "piano"), "TH", List.of("first", "second"))).build();
    }

    public void send(ModelTemplates templates) throws Exception {
        models.send(new ProducerRecord<>(topics.models().name(), templates.getModelId(), templates))
                .get(30, TimeUnit.SECONDS);
    }

    public static StreamStatus status(String stream, StreamState state, long lastSeq) {
        return StreamStatus.newBuilder().setStreamId(stream).setSource("synthetic://" + stream)
                .setSourceKind(SourceKind.SYNTHETIC).setState(state).setLastSeq(lastSeq)
                .setUpdatedMs(System.currentTimeMillis()).build();
    }

    /** An insight with violin and cello sounding in alternation and a level that moves with seq. */
    public static Insight insight(String stream, long seq) {
        List<Float> audio = new ArrayList<>();
        List<Float> visual = new ArrayList<>();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            boolean sounding = (c == 0 && seq % 20 < 14) || (c == 1 && seq % 12 >= 4) || (c == 2 && seq % 30 > 20);
            audio.add(sounding ? 0.8f + 0.02f * (seq % 7) : 0.05f);
            visual.add(c < 3 ? 0.9f : 0.03f);
        }
        long now = System.currentTimeMillis();
        return Insight.newBuilder().setStreamId(stream).setSeq(seq).setStartMs(now - 1000).setCategories(CATEGORIES)
                .setAudioPresence(audio).setVisualPresence(visual).setAudioLevelDb(-30f + 10f * (float) Math.sin(seq / 3.0))
                .setModelId("test").setIngestMs(now - 900).setFeaturesMs(now - 500).setInsightMs(now).build();
    }

    public void send(StreamStatus status) throws Exception {
        statuses.send(new ProducerRecord<>(topics.streams().name(), status.getStreamId(), status)).get(30, TimeUnit.SECONDS);
    }

    public void send(Insight insight) {
        insights.send(new ProducerRecord<>(topics.insights().name(), insight.getStreamId(), insight));
    }

    public void flush() {
        insights.flush();
        statuses.flush();
    }

    @Override
    public void close() {
        statuses.close(Duration.ofSeconds(5));
        insights.close(Duration.ofSeconds(5));
        models.close(Duration.ofSeconds(5));
    }
}
