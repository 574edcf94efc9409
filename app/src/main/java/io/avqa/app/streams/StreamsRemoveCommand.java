package io.avqa.app.streams;

import java.util.concurrent.Callable;

import io.avqa.app.ask.GatewayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code avqa streams remove}: writes the stream's tombstone; its ingest stops and its questions end. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a managed stream: its ingest stops, and its open questions end with a final"
                + " CANCELLED answer. Needs a token with the admin grant."},
        footer = {"", "Example:", "  avqa streams remove door-cam"})
final class StreamsRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The stream to remove (`avqa streams list` shows them).")
    String id;

    @Override
    public Integer call() {
        return StreamsCommand.call(spec, gateway, id, api -> api.remove(id),
                removed -> spec.commandLine().getOut().println("removed stream " + removed.path("stream").asText()));
    }
}
