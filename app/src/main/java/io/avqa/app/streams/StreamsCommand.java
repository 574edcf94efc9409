package io.avqa.app.streams;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.avqa.app.ask.GatewayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code avqa streams add|remove|list}: manages the streams the ingest instances run, through the gateway's stream
 * API (adding and removing need a token with the admin grant). The gateway and token are found as for
 * {@code avqa ask}: the flags, else {@code AVQA_TOKEN}, else the running {@code avqa demo}.
 *
 * <p>Exit status: 0 done, 2 the gateway refused the request (bad input, no admin grant, duplicate or unknown id;
 * the reason is printed), 1 it could not be asked (no token, unreachable, a gateway or Kafka failure).
 *
 * <pre>
 * avqa streams add --id door-cam --source 'rtsp://user:pw@10.0.0.7/stream1'
 * avqa streams add --id rehearsal --source /media/rehearsal.mp4 --rate 2 --loop
 * avqa streams list
 * avqa streams remove door-cam
 * </pre>
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Add, remove and list the streams avqa ingests, through the gateway.",
                "Adding and removing need a token with the admin grant (a key marked +admin, e.g. avqa gateway"
                        + " --tokens 'ops=*,+admin', or a JWT with \"admin\": true)."},
        subcommands = {StreamsAddCommand.class, StreamsRemoveCommand.class, StreamsListCommand.class},
        footer = {"", "Examples:",
                "  avqa streams add --id door-cam --source 'rtsp://user:pw@10.0.0.7/stream1'",
                "  avqa streams add --id rehearsal --source /media/rehearsal.mp4 --rate 2 --loop",
                "  avqa streams list",
                "  avqa streams remove door-cam",
                "", "Exit status: 0 done, 2 the gateway refused the request (the reason is printed), 1 it could not"
                        + " be asked."})
public final class StreamsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One call of the stream API. */
    interface Call {
        StreamsApi.Reply on(StreamsApi api) throws StreamsApi.Unreachable;
    }

    /**
     * Finds the gateway, makes the call, prints a success with {@code printer} or the refusal with what to do.
     *
     * @param id the stream the call is about, for the messages (null for a listing)
     * @return the exit status
     */
    static int call(CommandSpec spec, GatewayOptions gateway, String id, Call call, Consumer<JsonNode> printer) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<GatewayOptions.Target> target = gateway.resolve();
            if (target.isEmpty()) {
                err.println(gateway.noTokenMessage());
                return 1;
            }
            StreamsApi.Reply reply = call.on(new StreamsApi(target.get()));
            if (reply.ok()) {
                printer.accept(reply.body());
                spec.commandLine().getOut().flush();
                return 0;
            }
            err.println(StreamsApi.problem(reply, id));
            return reply.status() / 100 == 4 ? 2 : 1;
        } catch (StreamsApi.Unreachable e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read the demo's advert under --home (" + e.getMessage() + ")");
            return 1;
        } finally {
            err.flush();
        }
    }
}
