package io.avqa.dataset.cli;

import io.avqa.dataset.synth.SynthConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code avqa dataset}: the synthetic concert benchmark and MUSIC-AVQA format tools. Register it as a
 * subcommand of the {@code avqa} command ({@code new CommandLine(new Avqa()).addSubcommand(new
 * DatasetCommand())}, or list it in {@code @Command(subcommands = ...)}); it brings its own
 * {@code synth} and {@code preview} subcommands. The JVM needs
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} for offline MIDI rendering.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true, version = "avqa dataset, generator " + SynthConfig.GENERATOR_VERSION,
        description = {"Synthetic concert benchmark in the MUSIC-AVQA layout, and tools to inspect it.",
            "Run 'dataset synth --help' or 'dataset preview --help' for details."},
        subcommands = {SynthCommand.class, PreviewCommand.class})
public final class DatasetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command on its own, for development: {@code java ... DatasetCommand synth --out d}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DatasetCommand()).execute(args));
    }
}
