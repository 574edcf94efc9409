package io.avqa.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.app.ask.GatewayAdvert;
import io.avqa.app.broker.BrokerCommand;
import io.avqa.app.stack.LocalStack;
import io.avqa.features.service.Mode;
import io.avqa.features.weights.Backbone;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.ingest.service.StreamJob;
import io.avqa.ingest.source.FileSource;
import io.avqa.ingest.source.Sources;
import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa demo}: the whole system in one process on one machine. Starts the embedded Kafka broker
 * (data kept in {@code ~/.avqa/broker-data}, reused by the next run), creates the topics, generates a few
 * synthetic concert clips once, replays them as looping live streams, runs features, the reasoner with the
 * shipped model and the gateway, and prints the dashboard URL with a fresh token. Ctrl-C stops it all.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on this machine: broker, live concert streams, features, reasoner, gateway.",
                "Prints the dashboard URL (with a fresh access token) when the first answers are possible."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--home", description = "Where the demo keeps broker data, clips and state (default: ~/.avqa).")
    Path home = Path.of(System.getProperty("user.home"), ".avqa");

    @Option(names = "--streams", defaultValue = "3", description = "Synthetic concert streams (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--source", paramLabel = "[ID=]URI",
            description = "Add your own stream (a file, an RTSP camera, v4l2:/dev/video0); repeatable.")
    List<String> sources = new java.util.ArrayList<>();

    @Option(names = "--model", description = "Saved SaSR-Net model directory (default: ${DEFAULT-VALUE}).")
    Path model = ReasonerConfig.DEFAULT_MODEL_DIR;

    @Option(names = "--weights", defaultValue = Backbone.SHIPPED, paramLabel = "DIR|seeded-v1",
            description = {"Backbone weights of the feature stage: seeded-v1 or a directory of checkpoints, e.g. one "
                    + "written by `avqa features weights import`. The model must have been trained on features of the "
                    + "same backbone (default: ${DEFAULT-VALUE})."})
    String weights;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway HTTP port on 127.0.0.1; 0 = any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Embedded broker port; 0 = any free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--token", description = "Access token for the dashboard and API (default: a fresh random one).")
    String token;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model.resolve("model.json"))) {
            throw new IllegalStateException("no model at " + model.toAbsolutePath() + ": run from the repository root "
                    + "(the shipped model is models/sasr-synth) or pass --model DIR (train one with `avqa train`)");
        }
        String accessToken = token != null ? token : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<Path> clips = DemoClips.ensure(home.resolve("demo-clips"), streams);
        ReasonerConfig reasoner = ReasonerConfig.defaults("unused", home).withModelDir(model)
                .withEager(ReasonerConfig.EagerPolicy.everyStream()); // every tile of the dashboard shows insights
        LocalStack stack = LocalStack.start(new LocalStack.Options(home, kafkaPort, Topics.DEFAULT_PREFIX, Mode.LIVE, weights, reasoner,
                port, accessToken, GatewayConfig.DEFAULT_ANSWER_TIMEOUT));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            BrokerCommand.advertise(null);
            unadvertiseGateway();
            stack.close();
            stop.countDown();
        }, "demo-shutdown"));
        BrokerCommand.advertise(stack.bootstrapServers());

        for (int i = 0; i < clips.size(); i++) {
            stack.ingest().start(new StreamJob("concert-" + (i + 1), new FileSource(clips.get(i)), 1, true));
        }
        for (int i = 0; i < sources.size(); i++) {
            String spec = sources.get(i);
            int eq = spec.indexOf('=');
            boolean named = eq > 0 && !spec.substring(0, eq).contains(":") && !spec.substring(0, eq).contains("/");
            stack.ingest().start(new StreamJob(named ? spec.substring(0, eq) : "source-" + (i + 1),
                    Sources.parse(named ? spec.substring(eq + 1) : spec), 1, false));
        }
        Gateway gateway = stack.gateway();
        // `avqa ask` finds this gateway and its token here
        new GatewayAdvert(gateway.dashboardUrl(null).replaceAll("/$", ""), accessToken).write(home);
        System.out.println();
        System.out.println("avqa demo is running: " + clips.size() + " concert streams" + (sources.isEmpty() ? "" : " + "
                + sources.size() + " of yours") + ", Kafka at " + stack.bootstrapServers());
        System.out.println("  dashboard: " + gateway.dashboardUrl(accessToken));
        System.out.println("  API:       curl -H 'Authorization: Bearer " + accessToken + "' http://127.0.0.1:" + gateway.port()
                + "/api/streams");
        System.out.println("  the first answers come once each stream has a full window (about " + windowSeconds()
                + " s); Ctrl-C stops everything.");
        // set by the avqa launcher, which sends standard error (library warnings, every log line) to this file
        String log = System.getenv("AVQA_DEMO_LOG");
        if (log != null) {
            System.out.println("  log:       " + log);
        }
        stop.await();
        return 0;
    }

    /** Seconds of stream the model's window spans, from its model.json: 10 for the shipped model, 55 at T=10, s=6. */
    private int windowSeconds() throws java.io.IOException {
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        return new Window(card.path("steps").asInt(), card.path("strideSeconds").asInt()).spanSeconds();
    }

    private void unadvertiseGateway() {
        try {
            GatewayAdvert.remove(home);
        } catch (java.io.IOException e) {
            System.err.println("warning: cannot remove " + GatewayAdvert.file(home) + ": " + e.getMessage());
        }
    }
}
