package io.avqa.ingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.ingest.TestClips;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.schemas.Segment;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine;

/** {@code avqa ingest} configured by a file and the environment, as a container runs it. */
@ExtendWith(EmbeddedKafkaExtension.class)
class IngestCommandLayersTest {

    @Test
    void fileAndEnvironmentConfigureARunAndTheStartupLineNamesTheirLayers(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.mp4");
        TestClips.write(clip, 3, 1.0);
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        EmbeddedKafkaExtension.createTopics(topics);
        Path config = Files.writeString(dir.resolve("ingest.yaml"), "topic-prefix: " + prefix + "\nrate: 0\n"
                + "kafka-security-protocol: PLAINTEXT\n");
        Map<String, String> env = Map.of("AVQA_BOOTSTRAP_SERVERS", EmbeddedKafkaExtension.bootstrapServers(),
                "AVQA_OPS_PORT", "0", "AVQA_OPS_HOST", "127.0.0.1");
        String[] args = {"--config", config.toString(), "--stream-id", "cam-cfg", "--source", clip.toString()};

        Logger log = (Logger) LoggerFactory.getLogger(IngestCommand.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            CommandLine cl = new CommandLine(new IngestCommand());
            LayeredDefaults.install(cl, args, env::get);
            assertEquals(0, cl.execute(args));
        } finally {
            log.detachAppender(lines);
        }
        try (TopicReader<String, Segment> reader = new TopicReader<>(topics.segments())) {
            assertEquals(3, reader.readUntil(r -> r.size() >= 3, Duration.ofSeconds(20)).size(),
                    "the file's topic prefix and the environment's broker were used");
        }
        String startup = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("ingest configuration:")).findFirst().orElseThrow();
        assertTrue(startup.contains("topic-prefix=" + prefix + "(file)"), startup);
        assertTrue(startup.contains("rate=0.0(file)"), startup);
        assertTrue(startup.contains("ops-port=0(env)"), startup);
        assertTrue(startup.contains("bootstrap-servers=" + EmbeddedKafkaExtension.bootstrapServers() + "(env)"), startup);
        assertTrue(startup.contains("config=" + config + "(flag)"), startup);
    }
}
