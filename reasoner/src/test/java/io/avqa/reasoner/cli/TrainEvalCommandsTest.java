package io.avqa.reasoner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.reasoner.train.AccuracyTable;
import io.avqa.reasoner.train.FixtureDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainEvalCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void trainsAndEvaluatesOnAFixtureInMusicAvqaLayout() throws Exception {
        // float32 features, no labels/ and no backbone.json, 20 s clips read at T=4, s=6 (seconds 0, 6, 12, 18)
        Path data = FixtureDatasets.musicAvqa(tmp.resolve("music-avqa"), 20, 6, 2, 2);
        Path model = tmp.resolve("model");
        int trained = new CommandLine(new TrainCommand()).execute("--dataset", data.toString(), "--out",
                model.toString(), "--epochs", "2", "--batch", "3", "--window", "4", "--stride", "6", "--lr", "1e-3",
                "--no-progress");
        assertEquals(0, trained);
        assertTrue(Files.exists(model.resolve("model.json")) && Files.exists(model.resolve("weights.safetensors")));
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("unknown", card.get("backboneId").asText());
        assertEquals(6, card.get("strideSeconds").asInt());

        int evaluated = new CommandLine(new EvalCommand()).execute("--model", model.toString(), "--dataset",
                data.toString(), "--split", "test");
        assertEquals(0, evaluated);
        JsonNode report = new ObjectMapper().readTree(model.resolve("eval-test.json").toFile());
        int questions = AnnotationReader.read(data.resolve("avqa-test.json")).size();
        assertEquals(questions, report.get("predictions").size());
        JsonNode table = report.get("table");
        assertEquals(2, table.size(), "model and question-only rows");
        for (JsonNode row : table) {
            assertEquals(AccuracyTable.COLUMNS.size(), row.size());
            assertEquals(questions, row.get("All Avg").get("questions").asInt());
        }
        String html = Files.readString(model.resolve("eval-test.html"));
        assertTrue(html.contains("<svg") && html.contains("question-only") && html.contains("Audio-Visual Temp"));
    }

    @Test
    void helpDescribesEveryOption() {
        String train = new CommandLine(new TrainCommand()).getUsageMessage();
        for (String option : new String[] {"--dataset", "--preset", "--epochs", "--batch", "--lr", "--ablate", "--out"}) {
            assertTrue(train.contains(option), option);
        }
        String eval = new CommandLine(new EvalCommand()).getUsageMessage();
        assertTrue(eval.contains("--model") && eval.contains("--split"));
    }
}
