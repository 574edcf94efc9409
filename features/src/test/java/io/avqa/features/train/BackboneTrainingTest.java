package io.avqa.features.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.nn.TorchParameter;
import io.avqa.features.testing.LabelledScenes;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.DirectoryBackbone;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.features.weights.SeededInit;

class BackboneTrainingTest {

    /** One optimisation step of a trainer on a batch; returns its loss. */
    private interface VisualStep {
        float loss(VisualTrainer trainer, List<LabelledSecond> batch, Optimizer adam, NDManager manager);
    }

    @Test
    void resnetStepsOnATinySetReduceTheLoss() {
        assertVisualTrains((t, batch, adam, m) -> t.step(batch, 2, false, adam, m).loss());
    }

    @Test
    void resnetCropStepsOnATinySetReduceTheLoss() {
        // the same cuts each time (the same seed), so the losses are comparable
        assertVisualTrains((t, batch, adam, m) -> t.cropStep(batch, 96, false, new Random(1), adam, m).loss());
    }

    private static void assertVisualTrains(VisualStep step) {
        List<LabelledSecond> batch = LabelledScenes.make(4, 2, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 net = new ResNet18();
            SeededBackbone.V1.bind(Network.RESNET18, net.torchParameters(), manager);
            VisualTrainer trainer = new VisualTrainer(net, manager, 1);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            float first = step.loss(trainer, batch, adam, manager);
            float last = first;
            for (int i = 0; i < 5; i++) {
                last = step.loss(trainer, batch, adam, manager);
            }
            assertTrue(Float.isFinite(first) && last < 0.8 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void audioEpochsOnATinySetReduceTheLoss() {
        assertAudioTrains(false);
    }

    @Test
    void audioEpochsWithConvolutionsOnATinySetReduceTheLoss() {
        assertAudioTrains(true);
    }

    private static void assertAudioTrains(boolean convolutions) {
        List<LabelledSecond> samples = LabelledScenes.make(4, 4, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            VggishNetwork vggish = new VggishNetwork(false);
            List<TorchParameter> params = vggish.torchParameters();
            SeededBackbone.V1.bind(Network.VGGISH, params, manager);
            AudioTrainer trainer = convolutions ? AudioTrainer.withConvolutions(vggish, params, manager, 1)
                    : AudioTrainer.lastLayer(vggish, params, manager, 1);
            float[] inputs = trainer.inputs(samples, manager, done -> { });
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(convolutions ? 3e-4f : 1e-3f)).build();
            Random random = new Random(1);
            float first = trainer.epoch(inputs, samples, 8, adam, random, manager, done -> { });
            float last = first;
            for (int i = 0; i < 10; i++) {
                last = trainer.epoch(inputs, samples, 8, adam, random, manager, done -> { });
            }
            trainer.finish();
            assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void savedBackboneRoundTripsThroughWeightsBitForBit(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        try (NDManager manager = NDManager.newBaseManager()) {
            write(first, manager, seededResNet(manager), seededVggish(manager));
            DirectoryBackbone loaded = DirectoryBackbone.open(first);
            ResNet18 resnet = new ResNet18();
            VggishNetwork vggish = new VggishNetwork(false);
            loaded.bind(Network.RESNET18, resnet.torchParameters(), manager);
            loaded.bind(Network.VGGISH, vggish.torchParameters(), manager);
            TorchParameter fc3 = vggish.torchParameters().stream().filter(p -> p.name().equals("embeddings.4.weight"))
                    .findFirst().orElseThrow();
            assertArrayEquals(SeededInit.values(fc3), fc3.parameter().getArray().toFloatArray(), "loaded fc3");
            write(second, manager, resnet.torchParameters(), vggish.torchParameters());
            for (String f : List.of("resnet18.safetensors", "vggish.safetensors", DirectoryBackbone.PROPERTIES)) {
                byte[] a = Files.readAllBytes(first.resolve(f));
                byte[] b = Files.readAllBytes(second.resolve(f));
                assertArrayEquals(a, b, f);
            }
            assertEquals(loaded.id(), DirectoryBackbone.open(second).id());
            assertTrue(loaded.id().startsWith("test-v1-"), loaded.id());
            // the layers the file leaves out keep their seeded-v1 values
            TorchParameter fc1 = vggish.torchParameters().stream().filter(p -> p.name().equals("embeddings.0.weight"))
                    .findFirst().orElseThrow();
            assertArrayEquals(SeededInit.values(fc1), fc1.parameter().getArray().toFloatArray());
        }
    }

    private static List<TorchParameter> seededResNet(NDManager manager) {
        List<TorchParameter> p = new ResNet18().torchParameters();
        SeededBackbone.V1.bind(Network.RESNET18, p, manager);
        return p;
    }

    private static List<TorchParameter> seededVggish(NDManager manager) {
        List<TorchParameter> p = new VggishNetwork(false).torchParameters();
        SeededBackbone.V1.bind(Network.VGGISH, p, manager);
        return p;
    }

    private static void write(Path dir, NDManager manager, List<TorchParameter> resnet, List<TorchParameter> vggish)
            throws Exception {
        BackboneWriter.writeSafetensors(dir.resolve("resnet18.safetensors"), resnet, n -> true, DataType.FLOAT16);
        BackboneWriter.writeSafetensors(dir.resolve("vggish.safetensors"), vggish,
                n -> BackboneTrainer.VGGISH_SEEDED.stream().noneMatch(n::startsWith), DataType.FLOAT32);
        BackboneWriter.writeProperties(dir, Map.of("vggish.finalRelu", "false", "vggish.seeded",
                String.join(",", BackboneTrainer.VGGISH_SEEDED), "id.prefix", "test-v1"));
    }

}
