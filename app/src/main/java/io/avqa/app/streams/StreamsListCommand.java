package io.avqa.app.streams;

import java.util.concurrent.Callable;

import io.avqa.app.ask.GatewayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code avqa streams list}: every stream the token may see, as a table. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the streams the token may see: id, state (PENDING: added, not started yet), whether it is"
                + " managed (added with `avqa streams add`) and its source (credentials redacted)."},
        footer = {"", "Example:", "  avqa streams list --url http://127.0.0.1:8080 --token \"$AVQA_TOKEN\""})
final class StreamsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Override
    public Integer call() {
        return StreamsCommand.call(spec, gateway, null, StreamsApi::list,
                listing -> StreamTable.of(listing).forEach(spec.commandLine().getOut()::println));
    }
}
