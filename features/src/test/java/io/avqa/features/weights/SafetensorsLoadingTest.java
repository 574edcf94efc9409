package io.avqa.features.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.nn.TorchParameter;
import io.avqa.features.testing.SafetensorsWriter;
import io.avqa.features.visual.ResNet18;

class SafetensorsLoadingTest {
    @TempDir
    Path dir;

    /**
     * A torchvision-named ResNet-18 checkpoint (with fc and num_batches_tracked, as torchvision saves it) where
     * every convolution is zero and every BatchNorm outputs 0 except layer4.1.bn2, whose output is then the
     * constant {@code gamma * (0 - mean) / sqrt(var + 1e-5) + beta} per channel; after the final ReLU the map
     * and the pooled vector equal {@code max(0, that)}: the file's values reach exactly the right parameters.
     */
    static SafetensorsWriter knownResNet(float[] gamma, float[] beta, float[] mean, float[] var) {
        SafetensorsWriter w = new SafetensorsWriter();
        for (TorchParameter p : new ResNet18().torchParameters()) {
            float[] values = new float[Math.toIntExact(p.shape().size())];
            String n = p.name();
            if (n.startsWith("layer4.1.bn2.")) {
                values = switch (n.substring("layer4.1.bn2.".length())) {
                    case "weight" -> gamma;
                    case "bias" -> beta;
                    case "running_mean" -> mean;
                    default -> var;
                };
            } else if (n.endsWith("running_var")) {
                java.util.Arrays.fill(values, 1f);
            }
            w.put(n, p.shape().getShape(), values);
            if (n.endsWith("running_var")) {
                w.put(n.replace("running_var", "num_batches_tracked"), new long[0], new float[] {0f});
            }
        }
        w.put("fc.weight", new long[] {1000, 512}, new float[512_000]);
        w.put("fc.bias", new long[] {1000}, new float[1000]);
        return w;
    }

    /** The pooled vector {@link #knownResNet} gives: layer4.1.bn2's constant output per channel after the ReLU. */
    static float[] pooled(float[] gamma, float[] beta, float[] mean, float[] var) {
        float[] out = new float[gamma.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.max(0f, (float) (gamma[c] * (0 - mean[c]) / Math.sqrt(var[c] + 1e-5) + beta[c]));
        }
        return out;
    }

    @Test
    void torchvisionNamedSafetensorsSetsTheBlockExactly() throws Exception {
        float[] gamma = new float[512];
        float[] beta = new float[512];
        float[] mean = new float[512];
        float[] var = new float[512];
        for (int c = 0; c < 512; c++) {
            gamma[c] = 0.25f + (c % 7);
            beta[c] = (c % 5) - 2f;
            mean[c] = -((c % 3) + 1f);
            var[c] = 1f + c % 4;
        }
        float[] expected = pooled(gamma, beta, mean, var);
        knownResNet(gamma, beta, mean, var).write(dir.resolve("resnet18.safetensors"));
        Files.write(dir.resolve("vggish.safetensors"), new byte[] {0});
        DirectoryBackbone backbone = DirectoryBackbone.open(dir);
        assertTrue(backbone.id().matches("sha256-[0-9a-f]{16}"), backbone.id());

        ResNet18 net = new ResNet18();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            backbone.bind(Network.RESNET18, net.torchParameters(), m);
            NDList out = net.forward(new ParameterStore(m, false),
                    new NDList(m.randomNormal(new Shape(1, 3, 224, 224))), false);
            assertArrayEquals(expected, out.get(1).toFloatArray(), 1e-5f);
            float[] map = out.get(0).toFloatArray();
            for (int c = 0; c < 512; c++) {
                assertEquals(expected[c], map[c * 196 + 97], 1e-5f, "map channel " + c);
            }
        }
    }

    @Test
    void missingUnexpectedAndMisShapedKeysAreListedInOneError() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter();
        for (TorchParameter p : new ResNet18().torchParameters()) {
            switch (p.name()) {
                case "layer1.0.conv1.weight", "bn1.running_var" -> { } // left out
                case "layer2.0.bn1.running_var" -> w.put(p.name(), new long[] {64}, new float[64]);
                default -> w.put(p.name(), p.shape().getShape(), new float[Math.toIntExact(p.shape().size())]);
            }
        }
        w.put("layer5.0.conv1.weight", new long[] {2, 2}, new float[4]);
        w.write(dir.resolve("resnet18.safetensors"));
        Files.write(dir.resolve("vggish.safetensors"), new byte[] {0});
        DirectoryBackbone backbone = DirectoryBackbone.open(dir);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            WeightMismatchException e = assertThrows(WeightMismatchException.class,
                    () -> backbone.bind(Network.RESNET18, new ResNet18().torchParameters(), m));
            assertEquals(List.of("missing: bn1.running_var [64]", "missing: layer1.0.conv1.weight [64, 64, 3, 3]",
                    "wrong shape: layer2.0.bn1.running_var is [64], expected [128]",
                    "unexpected: layer5.0.conv1.weight [2, 2]"), e.problems());
            assertTrue(e.getMessage().contains("4 problems"), e.getMessage());
        }
    }

    @Test
    void directoryWithoutCheckpointsSaysWhatToPutThere() {
        var e = assertThrows(java.io.IOException.class, () -> Backbone.parse(dir.toString()));
        assertTrue(e.getMessage().contains("resnet18.safetensors"), e.getMessage());
    }

    @Test
    void backboneIdFollowsTheFilesBytes() throws Exception {
        Files.write(dir.resolve("resnet18.safetensors"), new byte[] {1});
        Files.write(dir.resolve("vggish.safetensors"), new byte[] {2});
        String first = DirectoryBackbone.open(dir).id();
        assertEquals(first, DirectoryBackbone.open(dir).id());
        Files.write(dir.resolve("vggish.safetensors"), new byte[] {3});
        assertNotEquals(first, DirectoryBackbone.open(dir).id());
    }
}
