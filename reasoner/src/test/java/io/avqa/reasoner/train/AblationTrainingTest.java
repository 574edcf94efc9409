package io.avqa.reasoner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import io.avqa.reasoner.model.Ablation;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.Window;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AblationTrainingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"slt,sasr", "sa,ta"})
    void ablatedModelsTrainSaveAndReloadWithTheirAblations(String ablate) throws IOException {
        Path data = FixtureDatasets.synthetic(tmp.resolve("data"), 4, 4, 2, 2);
        Path out = tmp.resolve("model");
        TrainOptions o = new TrainOptions(data, out, Preset.SASR_SMALL, new Window(4, 1), 1, 2, 1e-3f, 16, 0.3f,
                Ablation.parse(ablate), Set.of(), "F16", 3, 0, false);
        TrainingResult result = SaSRTrainer.train(o);
        assertTrue(Double.isFinite(result.history().get(0).loss()));
        try (SaSRModel model = SaSRModel.load(out, "fixture-v1")) {
            assertEquals(Ablation.parse(ablate), Ablation.parse(String.join(",", model.card().ablations())));
            assertEquals(Ablation.parse(ablate), model.net().config().ablations());
            assertEquals(SplitData.open(data, "test").questionCount(),
                    Evaluator.predict(model, SplitData.open(data, "test"), 2).size());
        }
    }
}
