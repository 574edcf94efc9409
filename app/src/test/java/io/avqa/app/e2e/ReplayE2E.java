package io.avqa.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.app.AvqaCommand;
import io.avqa.dataset.synth.ConcertGenerator;
import io.avqa.dataset.synth.SynthConfig;

/**
 * {@code avqa eval replay} on a freshly generated benchmark's test split (20 clips): every streaming answer
 * equals offline evaluation of the same clips by the shipped model.
 */
@Tag("e2e")
class ReplayE2E {

    @Test
    void streamingAnswersEqualOfflineEvaluationOnTwentyTestClips(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("avqa.root", "..")).toAbsolutePath().normalize();
        // 100 clips: the generator puts a fifth of them (20) in the test split.
        new ConcertGenerator(SynthConfig.defaults(100, 77)).generate(dir, done -> { });
        int exit = AvqaCommand.commandLine().execute("eval", "replay", "--dataset", dir.toString(), "--split", "test",
                "--rate", "0", "--model", root.resolve("models/sasr-synth").toString(), "--out", dir.resolve("report").toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report/replay-test.json").toFile());
        System.out.println("replay report: questions=" + report.path("questions") + " agreement=" + report.path("agreement")
                + " latency=" + report.path("latencyMs"));
        assertTrue(report.path("questions").asInt() >= 100, report.toString());
        assertEquals(0, report.path("disagreements").size(), "disagreements: " + report.path("disagreements"));
        assertEquals(1.0, report.path("agreement").asDouble());
        assertEquals(0, exit);
    }
}
