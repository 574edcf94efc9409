package io.avqa.features.weights.pth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checkpoints written by real PyTorch (Debian's python3-torch and python3-torchvision, which
 * {@code .ci/test-deps} installs) through the test resource {@code pth/official_checkpoints.py}: torchvision's
 * own ResNet-18 and ResNet-34 state dicts (zip format), torchvggish's VGGish (legacy format) and its PCA
 * parameters as numpy arrays (legacy format), plus the same values as safetensors in {@link #reference()}.
 */
record OfficialCheckpoints(Path dir) {
    Path resnet18() {
        return dir.resolve("resnet18.pth");
    }

    Path resnet34() {
        return dir.resolve("resnet34.pth");
    }

    /** {@code torch.save(model)}: the module pickled whole, not its state dict. */
    Path resnet18Module() {
        return dir.resolve("resnet18-model.pth");
    }

    Path vggish() {
        return dir.resolve("vggish.pth");
    }

    Path pca() {
        return dir.resolve("pca.pth");
    }

    /** A backbone directory with the same values as safetensors, VGGish with PCA. */
    Path reference() {
        return dir.resolve("reference");
    }

    /** Runs the script into {@code dir}; fails saying what to install when PyTorch is missing. */
    static OfficialCheckpoints write(Path dir) throws Exception {
        Path script = dir.resolve("official_checkpoints.py");
        try (InputStream in = OfficialCheckpoints.class.getResourceAsStream("/pth/official_checkpoints.py")) {
            Files.copy(in, script);
        }
        // Debian's interpreter, where python3-torch lives, ahead of any python3 earlier on the PATH (pyenv)
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p;
        try {
            p = new ProcessBuilder(python, script.toString(), dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to write the checkpoints: run .ci/test-deps", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "writing the checkpoints with PyTorch failed (python3-torch and "
                + "python3-torchvision installed? run .ci/test-deps):\n" + output);
        return new OfficialCheckpoints(dir);
    }
}
