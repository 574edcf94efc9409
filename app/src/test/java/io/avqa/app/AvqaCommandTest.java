package io.avqa.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;
import io.avqa.schemas.codec.Contracts;
import picocli.CommandLine;

@ExtendWith(EmbeddedKafkaExtension.class)
class AvqaCommandTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        // Built after System.out is replaced: picocli's help printing follows the stream it saw at construction.
        CommandLine cli = AvqaCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        try {
            int exit = cli.execute(args);
            cli.getOut().flush();
            cli.getErr().flush();
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        for (String command : new String[] {"demo", "ask", "streams", "broker", "topics", "tail", "ingest", "features", "reasoner", "gateway",
                "dataset", "train", "eval"}) {
            assertTrue(help.out().lines().anyMatch(l -> l.trim().startsWith(command + " ")), command + " missing from:\n" + help.out());
        }
    }

    @Test
    void aBadFlagGivesAOneLineErrorAndTheUsage() {
        Run bad = run("ingest", "--stream-id", "a", "--source", "x.mp4", "--rate", "fast");
        assertEquals(2, bad.exit());
        String[] lines = bad.err().split("\n");
        assertTrue(lines[0].startsWith("error: Invalid value for option '--rate'"), bad.err());
        assertTrue(lines[1].startsWith("usage: avqa ingest"), bad.err());
    }

    @Test
    void evalStillRequiresItsOptionsButEvalReplayDoesNotNeedThem() {
        Run eval = run("eval");
        assertEquals(2, eval.exit());
        assertTrue(eval.err().startsWith("error: Missing required option: '--model'"), eval.err());
        Run replay = run("eval", "replay", "--help");
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.out().contains("--dataset=DIR"), replay.out());
    }

    @Test
    void topicsCreateThenListShowsPartitionsAndRecordCounts() {
        String prefix = "cli-" + UUID.randomUUID() + ".";
        String bootstrap = EmbeddedKafkaExtension.bootstrapServers();
        Run create = run("topics", "create", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix);
        assertEquals(0, create.exit(), create.err());
        assertTrue(create.out().contains(prefix + "embeddings"), create.out());
        assertTrue(create.out().contains("created"), create.out());

        Run list = run("topics", "list", "--bootstrap-servers", bootstrap);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(prefix) + "questions\\s+6\\s+0")),
                list.out());
    }

    @Test
    void topicsCreateTakesThePartitionCountForThePerStreamTopics() {
        String prefix = "cli-" + UUID.randomUUID() + ".";
        String bootstrap = EmbeddedKafkaExtension.bootstrapServers();
        Run create = run("topics", "create", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix,
                "--partitions", "12");
        assertEquals(0, create.exit(), create.err());
        Run list = run("topics", "list", "--bootstrap-servers", bootstrap);
        for (String topic : new String[] {"segments", "embeddings", "questions", "answers", "insights"}) {
            assertTrue(list.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(prefix + topic)
                    + "\\s+12\\s+0")), topic + " has 12 partitions:\n" + list.out());
        }
        assertTrue(list.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(prefix) + "streams\\s+1\\s+0")),
                "the compacted stream states keep one partition:\n" + list.out());
        Run zero = run("topics", "create", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix, "--partitions", "0");
        assertTrue(zero.exit() != 0 && zero.err().contains("at least 1"), zero.err());
    }

    @Test
    void tailPrintsDecodedRecordsWithBytesSummarisedAndFlagsCorruptOnes() throws Exception {
        String prefix = "tail-" + UUID.randomUUID() + ".";
        String bootstrap = EmbeddedKafkaExtension.bootstrapServers();
        assertEquals(0, run("topics", "create", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix).exit());
        Segment segment = Segment.newBuilder().setStreamId("cam").setSeq(3).setStartMs(0)
                .setFrame(ByteBuffer.wrap(new byte[1234])).setFrameWidth(224).setFrameHeight(224)
                .setAudio(ByteBuffer.wrap(new byte[32_000])).setIngestMs(1).setSourceKind(SourceKind.FILE).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(prefix + "segments", 0, null, Contracts.SEGMENT.encode(segment))).get();
            producer.send(new ProducerRecord<>(prefix + "segments", 0, null, "garbage".getBytes())).get();
        }
        Run tail = run("tail", "segments", "--from-beginning", "--max", "2", "--bootstrap-servers", bootstrap,
                "--topic-prefix", prefix);
        assertEquals(0, tail.exit(), tail.err());
        String[] lines = tail.out().strip().split("\n");
        assertEquals(2, lines.length, tail.out());
        assertTrue(lines[0].contains("\"seq\":3") && lines[0].contains("\"frame\":\"<1234 bytes>\""), lines[0]);
        assertTrue(lines[1].contains("\"error\":\"not an avqa record"), lines[1]);
    }

    @Test
    void tailNamesTheKnownTopicsForAnUnknownOne() {
        Run tail = run("tail", "nonsense", "--bootstrap-servers", EmbeddedKafkaExtension.bootstrapServers());
        assertEquals(2, tail.exit());
        assertTrue(tail.err().startsWith("error: unknown topic 'nonsense': one of [avqa.segments"), tail.err());
    }
}
