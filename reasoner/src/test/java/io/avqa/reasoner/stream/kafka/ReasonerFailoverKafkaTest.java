package io.avqa.reasoner.stream.kafka;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

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

/**
 * Two reasoner instances share the partitions; one stops while questions keep coming. Every question must get
 * an answer (duplicates of at-least-once count once), and the survivor must answer from windows it restored
 * from the changelog, not from segments it saw itself.
 */
class ReasonerFailoverKafkaTest {
    @RegisterExtension
    static final Extension BROKER = SharedBroker.extension();
    static final int T = 4;
    static final int STREAMS = 12;
    static final int ROUNDS = 16;

    @TempDir
    Path dir;

    @Test
    void stoppingOneOfTwoInstancesLosesNoQuestion() throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        SharedBroker.createTopics(topics);
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, T, 1);
        String app = "reasoner-" + UUID.randomUUID();
        List<String> streams = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            streams.add("cam-" + s);
        }
        try (KafkaFixture kafka = new KafkaFixture(topics);
                TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), topics.answers())) {
            ReasonerService a = KafkaFixture.start(prefix, app, model, dir.resolve("a"), EagerPolicy.standingOnly(), false);
            ReasonerService b = KafkaFixture.start(prefix, app, model, dir.resolve("b"), EagerPolicy.standingOnly(), false);
            try {
                for (String s : streams) {
                    for (long seq = 0; seq < T; seq++) {
                        kafka.send(embedding(s, seq, s.hashCode() % 5));
                    }
                }
                awaitWindowsFull(kafka, answers, streams);
                Set<Integer> fromA = a.activePartitions();
                assertTrue(!fromA.isEmpty() && !b.activePartitions().isEmpty(),
                        "both instances process partitions: " + fromA + " and " + b.activePartitions());

                List<String> asked = new ArrayList<>();
                CompletableFuture<Void> stopped = null;
                for (int round = 0; round < ROUNDS; round++) {
                    if (round == ROUNDS / 2) {
                        stopped = CompletableFuture.runAsync(a::close);
                    }
                    for (String s : streams) {
                        String id = "r" + round + "-" + s;
                        kafka.send(question(id, s, TestModels.COUNT, QuestionMode.ONCE, "gw"));
                        asked.add(id);
                    }
                }
                stopped.get();
                Set<String> wanted = Set.copyOf(asked);
                List<Answer> got = answers.readUntil(all -> all.stream().map(r -> r.value().getQuestionId())
                        .filter(wanted::contains).collect(Collectors.toSet()).size() == wanted.size(),
                        Duration.ofSeconds(90)).stream().map(ConsumerRecord::value)
                        .filter(x -> wanted.contains(x.getQuestionId())).toList();
                Map<String, List<Answer>> byQuestion = new HashMap<>();
                got.forEach(x -> byQuestion.computeIfAbsent(x.getQuestionId(), k -> new ArrayList<>()).add(x));
                assertEquals(wanted, byQuestion.keySet(), "every question is answered");
                assertEquals(topics.embeddings().partitions(), b.activePartitions().size(),
                        "the survivor took over every partition");
                for (List<Answer> copies : byQuestion.values()) {
                    // At-least-once may repeat an answer; repeats are the same answer to the same window.
                    assertTrue(copies.stream().allMatch(x -> x.getStatus() == AnswerStatus.OK),
                            "answered from a restored window: " + copies);
                    assertEquals(1, copies.stream().map(x -> x.getAnswer() + x.getFromSeq() + "-" + x.getToSeq())
                            .distinct().count(), "duplicates agree: " + copies);
                    assertEquals(0, copies.get(0).getFromSeq());
                    assertEquals(T - 1, copies.get(0).getToSeq());
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** Asks each stream until it answers OK: then its window is full on whichever instance owns it. */
    private static void awaitWindowsFull(KafkaFixture kafka, TopicTail<String, Answer> answers,
            List<String> streams) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String s : streams) {
            int attempt = 0;
            while (true) {
                String id = "warmup-" + s + "-" + attempt++;
                kafka.send(question(id, s, TestModels.COUNT, QuestionMode.ONCE, "gw"));
                List<ConsumerRecord<String, Answer>> seen = answers.readUntil(all -> all.stream()
                        .anyMatch(r -> r.value().getQuestionId().equals(id)), Duration.ofSeconds(20));
                boolean ok = seen.stream().anyMatch(r -> r.value().getQuestionId().equals(id)
                        && r.value().getStatus() == AnswerStatus.OK);
                if (ok) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "stream " + s + " never got a full window");
            }
        }
    }
}
