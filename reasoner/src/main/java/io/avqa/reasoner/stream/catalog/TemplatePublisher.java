package io.avqa.reasoner.stream.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.text.QuestionTemplate;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.TemplateSpec;
import io.avqa.schemas.topic.Topic;

/**
 * Publishes the loaded model's question templates and slot values on the compacted {@code <prefix>models}
 * topic, keyed by model id, so that the gateway serves and suggests exactly what this model answers (DESIGN.md
 * section 3, "Model templates"). Once per reasoner start; a restart with the same model rewrites the same key.
 */
public final class TemplatePublisher {
    private TemplatePublisher() {
    }

    /** The record for a model card: slot names without angle brackets ("Object", "TH"). */
    public static ModelTemplates of(ModelCard card, long publishedMs) {
        List<TemplateSpec> templates = new ArrayList<>();
        for (ModelCard.TemplateEntry t : card.templates()) {
            QuestionTemplate q = new QuestionTemplate(t.text(), t.modality(), t.kind());
            templates.add(new TemplateSpec(t.text(), q.typeName(), q.slots().stream().map(TemplatePublisher::bare).toList()));
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        card.slotValues().forEach((slot, v) -> values.put(bare(slot), List.copyOf(v)));
        return ModelTemplates.newBuilder().setModelId(card.modelId()).setTemplates(templates).setSlotValues(values)
                .setPublishedMs(publishedMs).build();
    }

    /**
     * Writes the record and waits for the broker's acknowledgement.
     *
     * @param kafkaClient extra client properties (TLS, SASL), as every client of the instance gets
     * @throws IllegalStateException when the broker does not acknowledge within 30 s, saying what to check
     */
    public static void publish(String bootstrapServers, Map<String, Object> kafkaClient, Topic<String, ModelTemplates> topic,
            ModelCard card) {
        Properties props = new Properties();
        props.putAll(kafkaClient);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "avqa-reasoner-templates");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ModelTemplates> producer = new KafkaProducer<>(props,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), card.modelId(), of(card, System.currentTimeMillis())))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the templates of model " + card.modelId() + " to "
                    + topic.name() + " at " + bootstrapServers + " (" + e + "); check that the topic exists"
                    + " (avqa topics create) and the broker is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the model's templates", e);
        }
    }

    private static String bare(String slot) {
        return slot.startsWith("<") && slot.endsWith(">") ? slot.substring(1, slot.length() - 1) : slot;
    }
}
