package io.avqa.features.weights.pth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.cli.WeightsCommand;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.DirectoryBackbone;
import io.avqa.features.weights.Network;
import picocli.CommandLine;

/**
 * {@code avqa features weights import} on files real PyTorch wrote in the official files' formats
 * ({@link OfficialCheckpoints}): what it imports gives the features the same values give from safetensors, and
 * what it refuses it refuses with the reason, writing nothing.
 */
class BackboneImportTest {
    @TempDir
    static Path dir;

    private static OfficialCheckpoints official;

    /** The command's exit status and what it printed. */
    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void writeCheckpointsWithPyTorch() throws Exception {
        official = OfficialCheckpoints.write(Files.createDirectories(dir.resolve("official")));
    }

    @Test
    void officialFilesGiveTheFeaturesOfTheSameWeightsFromSafetensors() throws Exception {
        Path out = dir.resolve("imported");
        Run run = importWeights("--resnet18", official.resnet18().toString(), "--vggish", official.vggish().toString(),
                "--vggish-pca", official.pca().toString(), "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("resnet18.safetensors: 100 tensors, 11,186,112 values (left out fc.weight, "
                + "fc.bias, 20 BatchNorm counters)"), run.out());
        assertTrue(run.out().contains("vggish.safetensors: 20 tensors, 72,157,696 values"), run.out());
        DirectoryBackbone imported = DirectoryBackbone.open(out);
        DirectoryBackbone reference = DirectoryBackbone.open(official.reference());
        assertTrue(imported.vggishPca() && imported.vggishFinalRelu(), "backbone.properties: PCA on, final ReLU on");
        assertTrue(run.out().contains("backbone " + imported.id() + " in " + out), run.out());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDList frame = new NDList(m.randomNormal(new Shape(2, 3, 224, 224)));
            NDList logMel = new NDList(m.randomNormal(new Shape(2, 1, 96, 64)));
            float[] expectedPooled = resnetPooled(reference, frame, m);
            assertArrayEquals(expectedPooled, resnetPooled(imported, frame, m), 0f, "ResNet-18 pooled features");
            float[] expectedAudio = vggish(reference, logMel, m);
            assertArrayEquals(expectedAudio, vggish(imported, logMel, m), 0f, "VGGish + PCA features");
            assertTrue(distinctValues(expectedAudio) > 20, "the PCA output is not saturated: the test compares values");
        }
    }

    @Test
    void aTruncatedZipCheckpointIsRefusedAsCutShort() throws Exception {
        Path half = truncated(official.resnet18(), 0.5);
        Path out = dir.resolve("from-truncated-zip");
        Run run = importWeights("--resnet18", half.toString(), "--vggish", official.vggish().toString(),
                "--out", out.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains(half + " is not a complete zip archive"), run.err());
        assertTrue(run.err().contains("cut short, fetch the file again"), run.err());
        assertFalse(Files.exists(out.resolve("vggish.safetensors")), "nothing written");
    }

    @Test
    void aTruncatedLegacyCheckpointIsRefusedAsCutShort() throws Exception {
        Path cut = truncated(official.vggish(), 0.9);
        Path out = dir.resolve("from-truncated-legacy");
        Run run = importWeights("--resnet18", official.resnet18().toString(), "--vggish", cut.toString(),
                "--out", out.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains(cut + " ends early"), run.err());
        assertTrue(run.err().contains("cut short, fetch the file again"), run.err());
        assertFalse(Files.exists(out.resolve("resnet18.safetensors")), "nothing written");
    }

    @Test
    void aResNet34IsRefusedListingItsExtraBlocks() throws Exception {
        Path out = dir.resolve("from-resnet34");
        Run run = importWeights("--resnet18", official.resnet34().toString(), "--vggish", official.vggish().toString(),
                "--out", out.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains(official.resnet34() + " as resnet18 does not fit the network (80 problems)"),
                run.err());
        assertTrue(run.err().contains("unexpected: layer1.2.conv1.weight [64, 64, 3, 3]"), run.err());
        assertTrue(run.err().contains("unexpected: layer4.2.bn2.running_var [512]"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void swappedFilesAreNamedAsSwapped() throws Exception {
        Run run = importWeights("--resnet18", official.vggish().toString(), "--vggish", official.resnet18().toString(),
                "--out", dir.resolve("swapped").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("this is a vggish checkpoint: pass it as --vggish"), run.err());
    }

    @Test
    void aPickledModuleIsRefusedWithoutRunningItsCode() throws Exception {
        Run run = importWeights("--resnet18", official.resnet18Module().toString(), "--vggish",
                official.vggish().toString(), "--out", dir.resolve("from-module").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("holds a torchvision.models.resnet.ResNet, which a state dict does not: save "
                + "the model's state_dict()"), run.err());
    }

    @Test
    void aSafetensorsFileIsToldItNeedsNoImport() throws Exception {
        Path safetensors = official.reference().resolve("resnet18.safetensors");
        Run run = importWeights("--resnet18", safetensors.toString(), "--vggish", official.vggish().toString(),
                "--out", dir.resolve("from-safetensors").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("it looks like safetensors: copy it into the weights directory"), run.err());
    }

    private static Run importWeights(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WeightsCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "import";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cli.execute(all);
        return new Run(status, out.toString(), err.toString());
    }

    private static Path truncated(Path file, double fraction) throws Exception {
        Path cut = dir.resolve("truncated-" + file.getFileName());
        long keep = (long) (Files.size(file) * fraction);
        try (InputStream in = Files.newInputStream(file); OutputStream o = Files.newOutputStream(cut)) {
            o.write(in.readNBytes((int) keep));
        }
        return cut;
    }

    private static float[] resnetPooled(DirectoryBackbone backbone, NDList frame, NDManager m) throws Exception {
        ResNet18 net = new ResNet18();
        backbone.bind(Network.RESNET18, net.torchParameters(), m);
        return net.forward(new ParameterStore(m, false), frame, false).get(1).toFloatArray();
    }

    private static float[] vggish(DirectoryBackbone backbone, NDList logMel, NDManager m) throws Exception {
        VggishNetwork net = new VggishNetwork(backbone.vggishFinalRelu(), backbone.vggishPca());
        backbone.bind(Network.VGGISH, net.torchParameters(), m);
        return net.forward(new ParameterStore(m, false), logMel, false).singletonOrThrow().toFloatArray();
    }

    private static long distinctValues(float[] values) {
        return java.util.stream.IntStream.range(0, values.length).mapToObj(i -> values[i]).distinct().count();
    }
}
