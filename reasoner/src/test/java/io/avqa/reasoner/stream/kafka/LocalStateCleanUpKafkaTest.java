package io.avqa.reasoner.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.schemas.topic.Topics;

/** What the demo does when its broker is a new cluster: the state kept for the old one is deleted before start. */
class LocalStateCleanUpKafkaTest {
    @RegisterExtension
    static final Extension BROKER = SharedBroker.extension();

    @Test
    void cleanUpBeforeStartDeletesTheTaskStateOfAnEarlierRun(@TempDir Path dir) throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        SharedBroker.createTopics(Topics.withPrefix(prefix));
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1);
        String application = "reasoner-" + UUID.randomUUID();
        Path state = dir.resolve("state");
        try (ReasonerService first = KafkaFixture.start(prefix, application, model, state,
                EagerPolicy.standingOnly(), false)) {
            assertTrue(first.activePartitions().size() > 0, "the first run owns tasks");
        }
        assertTrue(taskDirectories(state.resolve(application)) > 0, "the first run left its stores' directories");

        ReasonerConfig config = ReasonerConfig.defaults(SharedBroker.bootstrapServers(), state).withModelDir(model)
                .withTopicPrefix(prefix).withApplicationId(application).withEager(EagerPolicy.standingOnly());
        try (ReasonerService second = ReasonerService.create(config)) {
            second.cleanUpLocalState();
            assertEquals(0, taskDirectories(state.resolve(application)), "no task state is left to restore onto");
        }
    }

    /** Kafka Streams keeps each task's stores in a directory named after the task, such as {@code 0_3}. */
    private static long taskDirectories(Path applicationDir) throws IOException {
        if (!Files.isDirectory(applicationDir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(applicationDir)) {
            return entries.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("\\d+_\\d+"))
                    .count();
        }
    }
}
