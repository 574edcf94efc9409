package io.avqa.app;

import io.avqa.app.ask.AskCommand;
import io.avqa.app.broker.BrokerCommand;
import io.avqa.app.demo.DemoCommand;
import io.avqa.app.extract.IngestSegments;
import io.avqa.app.replay.ReplayEvalCommand;
import io.avqa.app.streams.StreamsCommand;
import io.avqa.app.tail.TailCommand;
import io.avqa.app.topics.TopicsCommand;
import io.avqa.dataset.cli.DatasetCommand;
import io.avqa.features.cli.BackboneTrainCommand;
import io.avqa.features.cli.ExtractCommand;
import io.avqa.features.cli.FeaturesCommand;
import io.avqa.features.cli.ProbeCommand;
import io.avqa.features.cli.WeightsCommand;
import io.avqa.gateway.cli.GatewayCommand;
import io.avqa.reasoner.cli.EvalCommand;
import io.avqa.reasoner.cli.TrainCommand;
import io.avqa.reasoner.cli.ReasonerCommand;
import io.avqa.ingest.cli.IngestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code avqa}: every service of avqa-live as a subcommand, plus the embedded broker and tools.
 * Services run alone against any Kafka cluster (that is how the system scales out) or together in
 * {@code avqa demo}.
 */
@Command(name = "avqa", mixinStandardHelpOptions = true, version = "avqa-live 0.1.0",
        description = {"avqa-live: streaming audio-visual question answering over Kafka.", ""},
        subcommands = {DemoCommand.class, AskCommand.class, StreamsCommand.class, BrokerCommand.class, TopicsCommand.class, TailCommand.class, IngestCommand.class,
                FeaturesCommand.class, ReasonerCommand.class, GatewayCommand.class, DatasetCommand.class, TrainCommand.class,
                EvalCommand.class},
        footer = {"", "Run `avqa COMMAND --help` for a command's options."})
public final class AvqaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code avqa eval replay} runs the whole pipeline, so it lives in this module; picocli would demand
     * {@code eval}'s own required options before the subcommand, so they are checked only for plain eval.
     */
    private static void addReplayToEval(CommandLine eval) {
        CommandLine.Model.CommandSpec spec = eval.getCommandSpec();
        for (String name : EVAL_REQUIRED) {
            CommandLine.Model.OptionSpec option = spec.findOption(name);
            spec.remove(option);
            spec.addOption(option.toBuilder().required(false).build());
        }
        eval.addSubcommand("replay", new ReplayEvalCommand());
    }

    private static final String[] EVAL_REQUIRED = {"--model", "--dataset"};

    private static void requireEvalOptionsUnlessReplay(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.commandSpec().name().equals("eval") && !last.isUsageHelpRequested() && !last.isVersionHelpRequested()) {
            for (String name : EVAL_REQUIRED) {
                if (!last.hasMatchedOption(name)) {
                    throw new CommandLine.ParameterException(last.commandSpec().commandLine(),
                            "Missing required option: '" + name + "'");
                }
            }
        }
    }

    /** The configured command line: one-line errors for user mistakes, stack traces only for bugs. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AvqaCommand());
        // Offline extraction wires ingest's segmenter to the feature networks, so it lives here, not in features.
        cli.getSubcommands().get("features").addSubcommand("extract", new ExtractCommand(IngestSegments::of));
        cli.getSubcommands().get("features").addSubcommand("train", new BackboneTrainCommand(IngestSegments::of));
        cli.getSubcommands().get("features").addSubcommand("probe", new ProbeCommand(IngestSegments::of));
        cli.getSubcommands().get("features").addSubcommand("weights", new WeightsCommand());
        addReplayToEval(cli.getSubcommands().get("eval"));
        cli.setExecutionStrategy(parseResult -> {
            requireEvalOptionsUnlessReplay(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            c.getErr().println("usage: " + c.getHelp().synopsis(0).trim());
            c.getErr().println("Run `" + c.getCommandSpec().qualifiedName() + " --help` for all options.");
            return 2;
        });
        return cli;
    }
}
