package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.avqa.dataset.musicavqa.Categories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {
    @TempDir
    Path dir;

    static SaSRModel untrained(NDManager m, Preset preset, String backbone) {
        return untrained(m, preset, backbone, Set.of());
    }

    static SaSRModel untrained(NDManager m, Preset preset, String backbone, Set<Extension> extensions) {
        List<String> words = new ArrayList<>(List.of("<pad>", "Is", "the", "cello", "louder", "than", "piano"));
        for (int i = words.size(); i < NetFixture.V - 1; i++) {
            words.add("w" + i);
        }
        words.add("<unk>");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < NetFixture.A; i++) {
            answers.add("a" + i);
        }
        SaSRNet net = SaSRNet.builder().preset(preset).window(NetFixture.T, 1).categories(NetFixture.C)
                .answers(NetFixture.A).vocabulary(words.size()).optExtensions(extensions).build().initialize(m);
        ModelCard card = new ModelCard("unsaved", preset.id(), NetFixture.T, 1, List.of(),
                extensions.stream().map(Extension::id).toList(), Categories.ALL, words,
                answers, List.of(new ModelCard.TemplateEntry("Is the <Object> louder than the <Object>?", "Audio",
                        "Comparative")), Map.of("<Object>", List.of("cello", "piano")), backbone, "", "", Map.of());
        return SaSRModel.of(m, net, card);
    }

    private static float[] answerLogits(SaSRModel model, NDManager m, NDArray audio, NDArray visual, NDArray ids) {
        ParameterStore ps = new ParameterStore(m, false);
        return model.net().forward(ps, new NDList(audio, visual, ids, m.create(new long[] {0, 0})), false)
                .head().toFloatArray();
    }

    @Test
    void savedAndLoadedModelGivesIdenticalOutputs() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = untrained(m, Preset.SASR_SMALL, "seeded-v1");
            ModelCard saved = model.save(dir, "F32", Map.of("valAccuracy", 0.5));
            assertTrue(saved.modelId().startsWith("sasr-small-seeded-v1-"));
            NDArray audio = NetFixture.audio(m, 1);
            NDArray visual = NetFixture.visual(m, 1);
            NDArray ids = NetFixture.tokens(m, 2);
            float[] before = answerLogits(model, m, audio, visual, ids);
            try (SaSRModel loaded = SaSRModel.load(dir, "seeded-v1", new Window(NetFixture.T, 1))) {
                assertArrayEquals(before, answerLogits(loaded, m, audio, visual, ids));
                assertEquals(saved.modelId(), loaded.card().modelId());
                assertEquals(0.5, loaded.card().metrics().get("valAccuracy"));
            }
        }
    }

    @Test
    void theQuestionGridExtensionIsSavedWithTheModelAndLoadsBack() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = untrained(m, Preset.SASR_SMALL, "seeded-v1", Set.of(Extension.QSA));
            ModelCard saved = model.save(dir, "F32", Map.of());
            assertEquals(List.of("qsa"), saved.extensions());
            NDArray audio = NetFixture.audio(m, 1);
            NDArray visual = NetFixture.visual(m, 1);
            NDArray ids = NetFixture.tokens(m, 2);
            float[] before = answerLogits(model, m, audio, visual, ids);
            try (SaSRModel loaded = SaSRModel.load(dir, "seeded-v1", new Window(NetFixture.T, 1))) {
                assertTrue(loaded.net().config().has(Extension.QSA));
                assertArrayEquals(before, answerLogits(loaded, m, audio, visual, ids));
                // the cached window carries the grid, and answering from the cache equals the full forward pass
                WindowState state = loaded.encode(audio, visual);
                assertEquals(new ai.djl.ndarray.types.Shape(1, SaSRConfig.POSITIONS, Preset.SASR_SMALL.width()),
                        state.questionGrid().getShape());
            }
        }
    }

    @Test
    void onlyAQuestionGridModelCanTellWhereThingsAreOnScreen() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray audio = NetFixture.audio(m, 1);
            NDArray visual = NetFixture.visual(m, 1);
            // the same picture mirrored left to right: the same pooled features, the positions swapped
            NDArray mirrored = visual.flip(4);
            NDArray ids = NetFixture.tokens(m, 2);
            // the paper's model pools the map and attends over it as a set: blind to left and right
            SaSRModel paper = untrained(m, Preset.SASR_SMALL, "seeded-v1");
            assertTrue(maxDifference(answerLogits(paper, m, audio, visual, ids),
                    answerLogits(paper, m, audio, mirrored, ids)) < 2e-6, "the paper's model saw the mirroring");
            SaSRModel grid = untrained(m, Preset.SASR_SMALL, "seeded-v1", Set.of(Extension.QSA));
            // untrained, the question looks at all positions about evenly; a position embedding of the size
            // training gives it (instead of 0.02 noise) makes where things are matter, as it does once trained
            grid.net().getParameters().stream().filter(p -> p.getKey().contains("positionEmbedding"))
                    .forEach(p -> p.getValue().getArray().set(m.randomNormal(0f, 1f,
                            p.getValue().getArray().getShape(), ai.djl.ndarray.types.DataType.FLOAT32)
                            .toFloatArray()));
            double diff = maxDifference(answerLogits(grid, m, audio, visual, ids),
                    answerLogits(grid, m, audio, mirrored, ids));
            assertTrue(diff > 1e-4, "mirroring the picture did not change any answer logit (max diff " + diff + ")");
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff;
    }

    @Test
    void anOlderCardWithoutExtensionsLoadsAsThePapersModel() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            untrained(m, Preset.SASR_SMALL, "seeded-v1").save(dir, "F32", Map.of());
            Path card = dir.resolve("model.json");
            String json = Files.readString(card);
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json);
            tree.remove("extensions");
            Files.writeString(card, tree.toString());
            assertFalse(Files.readString(card).contains("extensions"), "the field was removed for the test");
            try (SaSRModel loaded = SaSRModel.load(dir, "seeded-v1")) {
                assertFalse(loaded.net().config().has(Extension.QSA));
                assertEquals(List.of(), loaded.card().extensions());
            }
        }
    }

    @Test
    void halfPrecisionWeightsStayCloseAndHalveTheFile() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = untrained(m, Preset.SASR_SMALL, "seeded-v1");
            model.save(dir.resolve("f32"), "F32", Map.of());
            model.save(dir.resolve("f16"), "F16", Map.of());
            long f32 = Files.size(dir.resolve("f32/weights.safetensors"));
            long f16 = Files.size(dir.resolve("f16/weights.safetensors"));
            assertTrue(f16 < f32 * 0.51, f16 + " vs " + f32);
            NDArray audio = NetFixture.audio(m, 1);
            NDArray visual = NetFixture.visual(m, 1);
            NDArray ids = NetFixture.tokens(m, 2);
            float[] before = answerLogits(model, m, audio, visual, ids);
            try (SaSRModel loaded = SaSRModel.load(dir.resolve("f16"), "seeded-v1")) {
                float[] after = answerLogits(loaded, m, audio, visual, ids);
                for (int i = 0; i < before.length; i++) {
                    assertEquals(before[i], after[i], 1e-2, "logit " + i);
                }
            }
        }
    }

    @Test
    void refusesFeaturesFromAnotherBackboneAndAnotherWindow() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            untrained(m, Preset.SASR_SMALL, "seeded-v1").save(dir, "F16", Map.of());
        }
        IncompatibleModelException backbone = assertThrows(IncompatibleModelException.class,
                () -> SaSRModel.load(dir, "torchvision-r18"));
        assertTrue(backbone.getMessage().contains("'seeded-v1'") && backbone.getMessage().contains("'torchvision-r18'"),
                backbone.getMessage());
        IncompatibleModelException window = assertThrows(IncompatibleModelException.class,
                () -> SaSRModel.load(dir, "seeded-v1", new Window(10, 6)));
        assertTrue(window.getMessage().contains("T=4, s=1") && window.getMessage().contains("T=10, s=6"),
                window.getMessage());
    }

    @Test
    void splitWindowEncoderAndQuestionHeadEqualsTheFullForwardPass() {
        for (Preset preset : Preset.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                SaSRModel model = untrained(m, preset, "seeded-v1");
                NDArray audio = NetFixture.audio(m, 2);
                NDArray visual = NetFixture.visual(m, 2);
                NDArray ids = NetFixture.tokens(m, 3);
                NDArray index = m.create(new long[] {1, 0, 1});
                ParameterStore ps = new ParameterStore(m, false);
                NDList full = model.net().forward(ps, new NDList(audio, visual, ids, index), false);
                WindowState state = model.encode(audio, visual);
                NDList split = model.net().questionHead().forward(ps, new NDList(state.audio(), state.visual(),
                        ids, index), false);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(full.get(i).toFloatArray(), split.get(i).toFloatArray(), 1e-5f,
                            preset + " output " + i);
                }
            }
        }
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromItsCachedVectorExactlyAsTheFirstTime() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = untrained(m, Preset.SASR_SMALL, "seeded-v1");
            model.save(dir, "F32", Map.of());
            List<String> words = List.of("Is", "the", "cello", "louder", "than", "the", "piano");
            try (SaSRModel loaded = SaSRModel.load(dir, "seeded-v1", new Window(NetFixture.T, 1))) {
                WindowState state = loaded.encode(NetFixture.audio(m, 2), NetFixture.visual(m, 2));
                AnswerPrediction first = loaded.answer(state, new int[] {1}, List.of(words)).get(0);
                // asked again, alone and beside another question about the other window
                AnswerPrediction again = loaded.answer(state, new int[] {1}, List.of(words)).get(0);
                AnswerPrediction batched = loaded.answer(state, new int[] {0, 1},
                        List.of(List.of("Is", "the", "piano", "louder", "than", "the", "cello"), words)).get(1);
                for (AnswerPrediction p : List.of(again, batched)) {
                    assertEquals(first.answer(), p.answer());
                    assertEquals(first.probability(), p.probability(), 1e-6);
                    assertArrayEquals(first.temporalAudio(), p.temporalAudio(), 1e-6f);
                }
            }
        }
    }

    @Test
    void aModelBeingTrainedEncodesEveryQuestionAfresh() {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = untrained(m, Preset.SASR_SMALL, "seeded-v1");
            List<String> words = List.of("Is", "the", "cello", "louder", "than", "the", "piano");
            WindowState state = model.encode(NetFixture.audio(m, 1), NetFixture.visual(m, 1));
            float before = model.answer(state, new int[] {0}, List.of(words)).get(0).probability();
            // a training step changes the question encoder: the next answer must see the new weights
            model.net().getParameters().forEach(p -> {
                if (p.getKey().contains("questionEncoder")) {
                    p.getValue().getArray().muli(3);
                }
            });
            float after = model.answer(state, new int[] {0}, List.of(words)).get(0).probability();
            assertTrue(before != after, "answer unchanged after the question encoder's weights changed: " + before);
        }
    }
}
