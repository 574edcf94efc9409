package io.avqa.app.streams;

import java.util.concurrent.Callable;

import io.avqa.app.ask.GatewayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code avqa streams add}: writes a new stream's spec; an ingest instance starts it within seconds. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a stream: the ingest instances start it within seconds (its first answers come once its"
                + " window is full). Needs a token with the admin grant."},
        footer = {"", "Examples:",
                "  avqa streams add --id door-cam --source 'rtsp://user:pw@10.0.0.7/stream1'",
                "  avqa streams add --id rehearsal --source /media/rehearsal.mp4 --rate 2 --loop",
                "  avqa streams add --id lobby --source udp://0.0.0.0:5000 --url http://gw:8080 --token \"$OPS_TOKEN\"",
                "", "The source keeps its credentials for ingest only; everything shown is redacted (rtsp://***@...)."})
final class StreamsAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Option(names = "--id", required = true, paramLabel = "ID",
            description = "The stream's id: 1 to 128 of A-Z a-z 0-9 . _ -, starting with a letter or digit.")
    String id;

    @Option(names = "--source", required = true, paramLabel = "URI", description = "Where the media comes from: a"
            + " file path, a URL (rtsp, rtsps, rtmp, rtmps, http, https, srt, udp, rtp, tcp) or v4l2:/dev/videoN.")
    String source;

    @Option(names = "--rate", defaultValue = "1", paramLabel = "R", description = "Replay speed of recorded sources:"
            + " 1 = real time, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--loop", description = "Replay a recorded source forever.")
    boolean loop;

    @Override
    public Integer call() {
        return StreamsCommand.call(spec, gateway, id, api -> api.add(id, source, rate, loop), added -> spec
                .commandLine().getOut().println("added stream " + added.path("stream").asText() + ": "
                        + added.path("sourceKind").asText().toLowerCase(java.util.Locale.ROOT) + " source "
                        + added.path("source").asText() + ", rate " + added.path("rate").asDouble()
                        + (added.path("loop").asBoolean() ? ", looping" : "")
                        + " (`avqa streams list` shows when it is LIVE)"));
    }
}
