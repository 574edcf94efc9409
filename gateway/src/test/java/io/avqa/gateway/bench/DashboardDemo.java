package io.avqa.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.avqa.broker.EmbeddedKafkaBroker;
import io.avqa.broker.TopicAdmin;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.gateway.auth.StaticTokens;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.support.FeedProducer;
import io.avqa.gateway.support.TestReasoner;
import io.avqa.schemas.Answer;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.SpatialAttention;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Vertx;

/**
 * Runs the gateway with a live-looking feed, for looking at the dashboard (and screenshots) before the
 * real pipeline exists: an embedded broker, three streams whose insights arrive every second (60 s of
 * history written first), and a stand-in reasoner whose answers carry made-up attention maps. Not a test.
 *
 * <pre>
 * java -cp ... io.avqa.gateway.bench.DashboardDemo [port] [seconds]   # prints the dashboard URL
 * </pre>
 */
public final class DashboardDemo {
    /** The newest segment index of the demo streams (all advance together). */
    private static final AtomicLong seq = new AtomicLong(200);

    private DashboardDemo() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 600;
        Path dir = Files.createTempDirectory("avqa-dashboard-demo-");
        Topics topics = Topics.defaults();
        String token = "demo-token";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60))) {
            try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
                admin.createAll(topics);
            }
            List<String> streams = List.of("stage-left", "rehearsal-room", "street-cam");
            FeedProducer feed = new FeedProducer(broker.bootstrapServers(), topics);
            for (String s : streams) {
                feed.send(FeedProducer.status(s, s.equals("street-cam") ? StreamState.RECONNECTING : StreamState.LIVE,
                        seq.get()));
            }
            TestReasoner reasoner = new TestReasoner(broker.bootstrapServers(), topics, DashboardDemo::answer).start();
            Vertx vertx = Vertx.vertx();
            GatewayConfig config = new GatewayConfig("127.0.0.1", port, "gateway-demo", broker.bootstrapServers(),
                    topics, Duration.ofSeconds(5), Limits.defaults(), StaticTokens.parse(token + "=*"), null);
            Gateway gateway = Gateway.start(vertx, config).compose(Gateway::ready).toCompletionStage()
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            // 60 s of history, then one insight per stream per second.
            for (long s = seq.get() - 60; s < seq.get(); s++) {
                for (String stream : streams) {
                    feed.send(FeedProducer.insight(stream, s + stream.length()));
                }
            }
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> {
                long s = seq.getAndIncrement();
                for (String stream : streams) {
                    feed.send(FeedProducer.insight(stream, s + stream.length()));
                }
                feed.flush();
            }, 0, 1, TimeUnit.SECONDS);
            System.out.println("dashboard: " + gateway.dashboardUrl(token));
            System.out.flush();
            Thread.sleep(seconds * 1000); // a demo process, not a test: it runs until its time is up
            clock.shutdownNow();
            gateway.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close();
            reasoner.close();
            feed.close();
        }
    }

    /** Made-up but well-formed answers: attention peaks late in the window, spatial attention on the left. */
    static List<TestReasoner.Reply> answer(Question q) {
        if (q.getMode() == QuestionMode.CANCEL) {
            return List.of();
        }
        String text = q.getText().toLowerCase();
        String value = text.startsWith("how many") ? "2" : text.startsWith("is") || text.startsWith("are") ? "yes"
                : text.contains("where") ? "left" : "violin";
        List<Float> audio = new ArrayList<>();
        List<Float> visual = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            audio.add((float) Math.exp(-Math.pow(t - 7, 2) / 4) + 0.05f);
            visual.add((float) Math.exp(-Math.pow(t - 5, 2) / 6) + 0.05f);
        }
        List<Float> spatial = new ArrayList<>();
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                spatial.add((float) Math.exp(-(Math.pow(x - 1.6, 2) + Math.pow(y - 3.4, 2)) / 2.5));
            }
        }
        Answer a = TestReasoner.answerTo(q, value, 0, q.getMode() == QuestionMode.ONCE);
        a.setTemporalAudio(audio);
        a.setTemporalVisual(visual);
        long newest = seq.get() + "stage-left".length() - 1;
        a.setFromSeq(newest - 9);
        a.setToSeq(newest);
        a.setSpatial(new SpatialAttention(a.getToSeq(), 7, 7, spatial));
        a.setConfidence(0.82f);
        a.setQuestionType(text.startsWith("how many") ? "Audio-Visual/Counting" : "Audio-Visual/Existential");
        List<TestReasoner.Reply> replies = new ArrayList<>();
        replies.add(TestReasoner.Reply.now(a));
        if (q.getMode() == QuestionMode.STANDING) {
            for (int r = 1; r <= 5; r++) {
                Answer update = Answer.newBuilder(a).setRevision(r).setAnswer(String.valueOf(1 + r % 3))
                        .setConfidence(0.6f + 0.05f * r).build();
                replies.add(new TestReasoner.Reply(update, 2000L * r));
            }
        }
        return replies;
    }
}
