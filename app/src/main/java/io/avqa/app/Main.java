package io.avqa.app;

import java.util.Set;

import picocli.CommandLine;

import io.avqa.ops.config.LayeredDefaults;

/** Entry point of the {@code avqa} jar. */
public final class Main {
    /** The services, whose options also come from {@code --config FILE} and {@code AVQA_*} variables. */
    private static final Set<String> SERVICES = Set.of("ingest", "features", "reasoner", "gateway");

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = AvqaCommand.commandLine();
        if (args.length > 0 && SERVICES.contains(args[0])) {
            // the file named by --config must be read before picocli parses the flags it sits under
            LayeredDefaults.install(cli.getSubcommands().get(args[0]), args);
        }
        System.exit(cli.execute(args));
    }
}
