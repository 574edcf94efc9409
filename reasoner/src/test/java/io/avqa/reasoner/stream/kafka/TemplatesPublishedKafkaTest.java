package io.avqa.reasoner.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.TemplateSpec;
import io.avqa.schemas.topic.Topics;

/** The model is the source of truth for what can be asked: a starting reasoner publishes its templates. */
class TemplatesPublishedKafkaTest {
    @RegisterExtension
    static final Extension BROKER = SharedBroker.extension();

    @Test
    void aStartingReasonerPublishesItsModelsTemplatesKeyedByModelId(@TempDir Path dir) throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        SharedBroker.createTopics(topics);
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1);
        String modelId = ModelSource.of(model).card().modelId();
        try (ReasonerService reasoner = KafkaFixture.start(prefix, "reasoner-" + UUID.randomUUID(), model,
                dir.resolve("state"), EagerPolicy.standingOnly(), false)) {
            assertTrue(reasoner.activePartitions().size() > 0, "running");
        }
        List<ConsumerRecord<String, ModelTemplates>> published = readAll(topics);
        assertEquals(1, published.size());
        ModelTemplates m = published.get(0).value();
        assertEquals(modelId, published.get(0).key());
        assertEquals(modelId, m.getModelId());
        assertEquals(7, m.getTemplates().size(), "the test model's 7 distinct templates");
        TemplateSpec louder = m.getTemplates().stream()
                .filter(t -> t.getText().equals("Is the <Object> louder than the <Object>?")).findFirst().orElseThrow();
        assertEquals("Audio/Comparative", louder.getType());
        assertEquals(List.of("Object", "Object"), louder.getSlots());
        assertEquals(List.of("first", "last"), m.getSlotValues().get("FL"));
        assertTrue(m.getPublishedMs() > 0);
    }

    private static List<ConsumerRecord<String, ModelTemplates>> readAll(Topics topics) {
        TopicPartition p = new TopicPartition(topics.models().name(), 0);
        try (KafkaConsumer<String, ModelTemplates> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                topics.models().keySerde().deserializer(), topics.models().valueSerde().deserializer())) {
            c.assign(List.of(p));
            c.seekToBeginning(List.of(p));
            long end = c.endOffsets(List.of(p)).get(p);
            List<ConsumerRecord<String, ModelTemplates>> out = new ArrayList<>();
            while (c.position(p) < end) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }
}
