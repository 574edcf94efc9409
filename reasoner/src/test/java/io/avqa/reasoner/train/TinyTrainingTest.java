package io.avqa.reasoner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void lossFallsAndTrainAccuracyBeatsTheQuestionOnlyBaseline() throws IOException {
        Path data = new FixtureDataset(tmp.resolve("data"), 10, false, 7).withoutPresenceQuestions().write(20, 8, 4);
        Path out = tmp.resolve("model");
        TrainOptions o = new TrainOptions(data, out, Preset.SASR_SMALL, new Window(10, 1), 12, 2, 1e-3f, 16, 0.3f,
                Set.of(), Set.of(Extension.QSA), "F16", 1, 0, false);
        TrainingResult result = SaSRTrainer.train(o);

        List<EpochStats> h = result.history();
        assertEquals(12, h.size());
        // lr 1e-3 as the shipped model (3e-3 sometimes diverged in the first epoch and never recovered in 12:
        // loss 8.45 -> 8.02 in one CI run); at 1e-3 seeds 1-3 fell from about 5.3 to 1.6-1.8, train accuracy
        // 0.85-0.90 against the baseline's 0.43. Epochs are still noisy: judge the best of the late epochs.
        double lateLoss = h.subList(h.size() - 3, h.size()).stream().mapToDouble(EpochStats::loss).min().orElseThrow();
        assertTrue(lateLoss < 0.75 * h.get(0).loss(),
                "loss should fall: first epoch " + h.get(0).loss() + ", best of the last three " + lateLoss);

        SplitData train = SplitData.open(data, "train");
        double baseline = Evaluator.accuracy(QuestionOnlyBaseline.fit(train.questions()).predict(train.questions()));
        double lateTrainAccuracy = h.subList(h.size() - 4, h.size()).stream()
                .mapToDouble(EpochStats::trainAccuracy).max().orElseThrow();
        assertTrue(lateTrainAccuracy > baseline + 0.05,
                "train accuracy in the last epochs " + lateTrainAccuracy + " vs question-only " + baseline);
        try (SaSRModel model = SaSRModel.load(out, "fixture-v1", new Window(10, 1))) {
            double best = Evaluator.accuracy(Evaluator.predict(model, train, 8));
            assertTrue(best >= baseline, "saved checkpoint " + best + " vs question-only " + baseline);
        }
        assertTrue(Files.exists(out.resolve("curve.svg")) && Files.exists(out.resolve("training.json")));
        assertTrue(result.bestEpoch() >= 1);
    }
}
