package io.avqa.features.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.avqa.features.service.Mode;
import picocli.CommandLine;

class FeaturesCommandTest {

    @Test
    void helpDocumentsEveryOption() {
        String usage = new CommandLine(new FeaturesCommand()).getUsageMessage();
        for (String option : new String[] {"--bootstrap-servers", "--topic-prefix", "--batch-size", "--max-wait-ms",
                "--mode", "--live-backlog", "--weights", "--threads", "--workers", "--device", "--group"}) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
        assertTrue(usage.contains("default: avqa."), usage);
    }

    @Test
    void parsesFlagsWithDefaults() {
        FeaturesCommand cmd = new FeaturesCommand();
        new CommandLine(cmd).parseArgs("--bootstrap-servers", "127.0.0.1:1", "--batch-size", "4", "--mode", "replay");
        assertEquals(4, cmd.batchSize);
        FeaturesCommand defaults = new FeaturesCommand();
        new CommandLine(defaults).parseArgs("--bootstrap-servers", "127.0.0.1:1");
        assertEquals(16, defaults.batchSize, "the batch size the benchmark's live figure is measured with");
        assertEquals(50, cmd.maxWaitMs);
        assertEquals("models/backbone-synth", cmd.weights, "the shipped backbone by default");
        assertEquals(Mode.REPLAY, FeaturesCommand.parseMode(cmd.mode));
    }

    @Test
    void extractRegistersAsSubcommandOfFeatures() {
        CommandLine features = new CommandLine(new FeaturesCommand())
                .addSubcommand(new ExtractCommand(dir -> id -> java.util.List.of()));
        CommandLine.ParseResult parsed = features.parseArgs("extract", "--dataset", "/data/synth", "--workers", "2");
        assertTrue(parsed.hasSubcommand());
        ExtractCommand extract = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertEquals(java.nio.file.Path.of("/data/synth"), extract.dataset);
        assertEquals(2, extract.workers);
    }

    @Test
    void fewerThanOneWorkerIsAUsageError() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new FeaturesCommand()).setErr(new java.io.PrintWriter(err));
        assertEquals(2, cl.execute("--bootstrap-servers", "127.0.0.1:1", "--workers", "0"));
        assertTrue(err.toString().contains("--workers must be at least 1, got 0"), err.toString());
    }

    @Test
    void rejectsUnknownModeAndDeviceNamingTheChoices() {
        var mode = assertThrows(IllegalArgumentException.class, () -> FeaturesCommand.parseMode("fast"));
        assertTrue(mode.getMessage().contains("live or replay"));
        var device = assertThrows(IllegalArgumentException.class, () -> FeaturesCommand.parseGpu("tpu"));
        assertTrue(device.getMessage().contains("cpu or gpu"));
    }
}
