package io.avqa.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.avqa.schemas.Alternative;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Question;
import io.avqa.schemas.SpatialAttention;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;

/**
 * Plays the reasoner in tests and benchmarks, over the real broker: consumes {@code questions} (its own
 * consumer group, from the end) and produces what a {@link Script} says to {@code answers}, keyed by each
 * question's replyTo exactly as the real reasoner does. Replies may be delayed (late answers) or repeated
 * (at-least-once duplicates).
 */
public final class TestReasoner implements AutoCloseable {
    /** One answer to send, after {@code delayMs}. */
    public record Reply(Answer answer, long delayMs) {
        public static Reply now(Answer answer) {
            return new Reply(answer, 0);
        }
    }

    /** What to send back for a question (empty: stay silent). */
    public interface Script extends Function<Question, List<Reply>> {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
    private final Topics topics;
    private final Script script;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;

    public TestReasoner(String bootstrapServers, Topics topics, Script script) {
        this.topics = topics;
        this.script = script;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
        thread = new Thread(this::run, "test-reasoner");
        thread.setDaemon(true);
    }

    /** Starts and waits until the consumer has its partitions (so no question is missed). */
    public TestReasoner start() throws InterruptedException {
        thread.start();
        if (!assigned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test reasoner got no partitions within 60 s");
        }
        return this;
    }

    private void run() {
        // Manual assignment from the end: no group join delay, and only questions asked from now on.
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (int p = 0; p < topics.questions().partitions(); p++) {
            partitions.add(new TopicPartition(topics.questions().name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        assigned.countDown();
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Question question = Contracts.QUESTION.decode(record.value());
                    questions.add(question);
                    for (Reply reply : script.apply(question)) {
                        if (reply.delayMs() <= 0) {
                            send(reply.answer());
                        } else {
                            delayed.schedule(() -> send(reply.answer()), reply.delayMs(), TimeUnit.MILLISECONDS);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            throw new IllegalStateException("test reasoner failed", e);
        } finally {
            consumer.close();
        }
    }

    private void send(Answer answer) {
        producer.send(new ProducerRecord<>(topics.answers().name(), answer.getReplyTo(), Contracts.ANSWER.encode(answer)));
        sent.incrementAndGet();
    }

    /** Sends a raw record to the answers topic (e.g. corrupt bytes), keyed by {@code replyTo}. */
    public void sendRaw(String replyTo, byte[] value) {
        producer.send(new ProducerRecord<>(topics.answers().name(), replyTo, value));
    }

    public List<Question> questions() {
        return List.copyOf(questions);
    }

    public long sent() {
        return sent.get();
    }

    /** A complete OK answer, as the reasoner would write it, with attention maps. */
    public static Answer answerTo(Question q, String text, int revision, boolean isFinal) {
        return Answer.newBuilder()
                .setQuestionId(q.getQuestionId())
                .setStreamId(q.getStreamId())
                .setReplyTo(q.getReplyTo())
                .setStatus(AnswerStatus.OK)
                .setAnswer(text)
                .setConfidence(0.87f)
                .setTopK(List.of(new Alternative(text, 0.87f), new Alternative("no", 0.1f)))
                .setQuestionType("Audio-Visual/Existential")
                .setUnderstoodAs("Is the violin in the video always playing?")
                .setFromSeq(10).setToSeq(19)
                .setTemporalAudio(List.of(0.05f, 0.05f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.2f))
                .setTemporalVisual(List.of(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f))
                .setSpatial(new SpatialAttention(19L, 2, 2, List.of(0.1f, 0.2f, 0.3f, 0.4f)))
                .setModelId("test-reasoner")
                .setRevision(revision)
                .setFinal$(isFinal)
                .setAskedMs(q.getAskedMs())
                .setAnsweredMs(System.currentTimeMillis())
                .build();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delayed.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
