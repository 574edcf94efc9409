package io.avqa.reasoner.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.cli.ReasonerCommand;
import io.avqa.reasoner.model.Preset;
import picocli.CommandLine;

class ReasonerCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReasonerCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOption() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--bootstrap-servers", "--model", "--topic-prefix", "--application-id",
                "--exactly-once", "--threads", "--state-dir", "--eager-all", "--eager-stream", "--eager-batch", "--eager-flush-ms", "--eager-threads", "--model-threads", "--[no-]parallel-branches", "--matmul-precision", "--describe"}) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }

    @Test
    void describePrintsTheTopologyWithItsNamedProcessorsAndStores() {
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1);
        Run r = run("--describe", "--model", model.toString(), "--topic-prefix", "x.");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"decode-embedding", "update-window", "encode-eagerly", "emit-insight",
                "track-standing", "decode-question", "answer-question", "cancel-standing", "stream-windows",
                "window-segments", "standing-questions", "x.embeddings", "x.questions", "x.answers", "x.dlq"}) {
            assertTrue(r.out().contains(name), name + " in\n" + r.out());
        }
    }

    @Test
    void aModelThreadCountBelowOneIsAUsageError() {
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1);
        Run r = run("--describe", "--model", model.toString(), "--model-threads", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model-threads must be at least 1, got 0"), r.err());
    }

    @Test
    void missingModelSaysHowToGetOne() {
        Run r = run("--describe", "--model", dir.resolve("nothing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no SaSR-Net model at") && r.err().contains("--model DIR"), r.err());
    }
}
