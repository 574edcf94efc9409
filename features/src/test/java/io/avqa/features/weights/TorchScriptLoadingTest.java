package io.avqa.features.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.visual.ResNet18;

/**
 * The TorchScript form of {@code --weights DIR}: a checkpoint scripted by real PyTorch (Debian's python3-torch,
 * which {@code .ci/run} installs) as a state-dict container loads into the block exactly as the same tensors do
 * from safetensors.
 */
class TorchScriptLoadingTest {
    @TempDir
    Path dir;

    @Test
    void scriptedStateDictContainerGivesTheSameFeaturesAsSafetensors() throws Exception {
        float[] gamma = new float[512];
        float[] beta = new float[512];
        float[] mean = new float[512];
        float[] var = new float[512];
        for (int c = 0; c < 512; c++) {
            gamma[c] = 0.5f + (c % 3);
            beta[c] = (c % 7) - 3f;
            mean[c] = -((c % 5) + 1f);
            var[c] = 2f + c % 3;
        }
        float[] known = SafetensorsLoadingTest.pooled(gamma, beta, mean, var);
        Path safetensorsDir = Files.createDirectories(dir.resolve("safetensors"));
        Path scriptedDir = Files.createDirectories(dir.resolve("torchscript"));
        Path checkpoint = safetensorsDir.resolve("resnet18.safetensors");
        SafetensorsLoadingTest.knownResNet(gamma, beta, mean, var).write(checkpoint);
        script(checkpoint, scriptedDir.resolve("resnet18.pt"));
        for (Path d : new Path[] {safetensorsDir, scriptedDir}) {
            Files.write(d.resolve("vggish.safetensors"), new byte[] {0});
        }

        DirectoryBackbone fromSafetensors = DirectoryBackbone.open(safetensorsDir);
        DirectoryBackbone fromScript = DirectoryBackbone.open(scriptedDir);
        assertEquals(scriptedDir.resolve("resnet18.pt"), fromScript.resnetFile());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDList input = new NDList(m.randomNormal(new Shape(1, 3, 224, 224)));
            float[] expected = features(fromSafetensors, input, m);
            float[] actual = features(fromScript, input, m);
            assertArrayEquals(known, actual, 1e-5f, "the scripted checkpoint's values reach the right parameters");
            assertArrayEquals(expected, actual, 0f, "TorchScript and safetensors give identical features");
        }
    }

    @Test
    void aFileThatIsNotTorchScriptIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("resnet18.pt"), "not a zip archive");
        Files.write(dir.resolve("vggish.safetensors"), new byte[] {0});
        DirectoryBackbone backbone = DirectoryBackbone.open(dir);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IOException e = assertThrows(IOException.class,
                    () -> backbone.bind(Network.RESNET18, new ResNet18().torchParameters(), m));
            assertTrue(e.getMessage().contains("resnet18.pt is not a readable TorchScript module"), e.getMessage());
        }
    }

    private static float[] features(DirectoryBackbone backbone, NDList input, NDManager m) throws Exception {
        ResNet18 net = new ResNet18();
        backbone.bind(Network.RESNET18, net.torchParameters(), m);
        return net.forward(new ParameterStore(m, false), input, false).get(1).toFloatArray();
    }

    /** Debian's interpreter, where python3-torch lives, ahead of any python3 earlier on the PATH (pyenv). */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Runs the test resource state_dict_container.py with python3; fails saying what to install. */
    private void script(Path safetensors, Path target) throws Exception {
        Path script = dir.resolve("state_dict_container.py");
        try (InputStream in = getClass().getResourceAsStream("/torchscript/state_dict_container.py")) {
            Files.copy(in, script);
        }
        Process p;
        try {
            p = new ProcessBuilder(python(), script.toString(), safetensors.toString(), target.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to script the checkpoint: apt-get install python3-torch", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "scripting the checkpoint failed (python3-torch installed? apt-get install "
                + "python3-torch):\n" + output);
    }
}
