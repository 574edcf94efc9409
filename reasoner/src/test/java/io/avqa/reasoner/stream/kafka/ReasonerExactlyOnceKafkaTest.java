package io.avqa.reasoner.stream.kafka;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.topic.Topics;

/** The exactly_once_v2 switch works on the single-node broker: answers appear once their transaction commits. */
class ReasonerExactlyOnceKafkaTest {
    @RegisterExtension
    static final Extension BROKER = SharedBroker.extension();

    @TempDir
    Path dir;

    @Test
    void answersWithExactlyOnceProcessing() throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        SharedBroker.createTopics(topics);
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1);
        try (KafkaFixture kafka = new KafkaFixture(topics);
                TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), topics.answers());
                ReasonerService reasoner = KafkaFixture.start(prefix, "reasoner-" + UUID.randomUUID(), model,
                        dir.resolve("state"), EagerPolicy.everyStream(), true)) {
            for (long seq = 0; seq < 4; seq++) {
                kafka.send(embedding("eos-1", seq, 1));
            }
            // The question may overtake the segments (another partition of the task): ask until the window is full.
            for (int attempt = 0; attempt < 20; attempt++) {
                String id = "eos-q" + attempt;
                kafka.send(question(id, "eos-1", TestModels.COUNT, QuestionMode.ONCE, "gw"));
                List<ConsumerRecord<String, Answer>> seen = answers.readUntil(all -> all.stream()
                        .anyMatch(r -> r.value().getQuestionId().equals(id)), Duration.ofSeconds(20));
                Answer a = seen.stream().map(ConsumerRecord::value).filter(x -> x.getQuestionId().equals(id))
                        .findFirst().orElseThrow(() -> new AssertionError("no answer to " + id));
                if (a.getStatus() == AnswerStatus.OK) {
                    assertEquals(3, a.getToSeq());
                    return;
                }
            }
            throw new AssertionError("the window never filled under exactly_once_v2");
        }
    }
}
