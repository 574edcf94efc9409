package io.avqa.features.weights.pth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.nn.TorchParameter;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.DirectoryBackbone;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.WeightBinder;
import io.avqa.features.weights.WeightMismatchException;

/**
 * Turns the official PyTorch checkpoints into a backbone directory for {@code --weights}: torchvision's
 * ResNet-18 ({@code resnet18-f37072fd.pth}) and torchvggish's VGGish ({@code vggish-10086976.pth}), optionally
 * with its PCA parameters ({@code vggish_pca_params-970ea276.pth}, two numpy arrays).
 *
 * <p>Every name and shape is checked exactly as the loader checks them ({@link WeightBinder#problems}), for both
 * networks, before anything is written; the values are then streamed into {@code resnet18.safetensors} and
 * {@code vggish.safetensors} as float32 (only the tensors the networks use: torchvision's {@code fc.*} and the
 * BatchNorm counters are left out), and {@code backbone.properties} records the VGGish variant. Both checkpoints
 * are written under temporary names and renamed only when both are complete, so a file found truncated half-way
 * leaves no checkpoint behind.
 */
public final class BackboneImport {
    /** torchvggish names the PCA tensors without the {@code pproc.} prefix the network's state dict uses. */
    private static final Map<String, String> PCA_NAMES = Map.of("pca_eigen_vectors", "pproc.pca_eigen_vectors",
            "pca_matrix", "pproc.pca_eigen_vectors", "pca_means", "pproc.pca_means");

    /** What to import; {@code vggishPca} may be null (no PCA post-processor). */
    public record Request(Path resnet18, Path vggish, Path vggishPca, boolean vggishFinalRelu, Path out) {
    }

    /** One written checkpoint: tensors and values written, keys of the source left out. */
    public record Written(Path file, int tensors, long values, List<String> ignored) {
    }

    /** The directory, the backbone id every Embedding will carry, and what was written. */
    public record Result(Path dir, String backboneId, Written resnet18, Written vggish, boolean vggishPca) {
    }

    private BackboneImport() {
    }

    /**
     * @throws WeightMismatchException when a checkpoint does not fit its network: every problem listed
     * @throws IOException             when a file is not a readable state dict, is truncated, or the output exists
     */
    public static Result run(Request request) throws IOException, WeightMismatchException {
        Path out = request.out();
        for (Network n : Network.values()) {
            if (Files.exists(out.resolve(n.fileBase() + ".safetensors")) || Files.exists(out.resolve(n.fileBase() + ".pt"))) {
                throw new IOException(out + " already holds a " + n.fileBase() + " checkpoint: import into an empty "
                        + "or new directory");
            }
        }
        boolean pca = request.vggishPca() != null;
        try (PthCheckpoint resnet = PthReader.read(request.resnet18());
                PthCheckpoint vggish = PthReader.read(request.vggish());
                PthCheckpoint pcaFile = pca ? PthReader.read(request.vggishPca()) : null) {
            Map<String, StoredTensor> vggishTensors = new LinkedHashMap<>(vggish.tensors());
            if (pcaFile != null) {
                pcaFile.tensors().forEach((k, v) -> vggishTensors.put(PCA_NAMES.getOrDefault(k, k), pcaMeansColumn(k, v)));
            }
            Map<String, StoredTensor> resnetOut = select(resnet.file().toString(), Network.RESNET18,
                    new ResNet18().torchParameters(), resnet.tensors());
            String vggishSource = vggish.file() + (pcaFile != null ? " with " + pcaFile.file() : "");
            Map<String, StoredTensor> vggishOut = select(vggishSource, Network.VGGISH,
                    new VggishNetwork(request.vggishFinalRelu(), pca).torchParameters(), vggishTensors);

            Files.createDirectories(out);
            Path resnetFile = out.resolve(Network.RESNET18.fileBase() + ".safetensors");
            Path vggishFile = out.resolve(Network.VGGISH.fileBase() + ".safetensors");
            Path resnetPartial = partial(resnetFile);
            Path vggishPartial = partial(vggishFile);
            try {
                SafetensorsOutput.write(resnetPartial, resnetOut);
                SafetensorsOutput.write(vggishPartial, vggishOut);
                Files.move(resnetPartial, resnetFile, StandardCopyOption.ATOMIC_MOVE);
                Files.move(vggishPartial, vggishFile, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(resnetPartial);
                Files.deleteIfExists(vggishPartial);
            }
            writeProperties(out, request);
            return new Result(out, DirectoryBackbone.open(out).id(), written(resnetFile, resnetOut, resnet.tensors()),
                    written(vggishFile, vggishOut, vggishTensors), pca);
        }
    }

    private static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /**
     * The tensors {@code expected} names, in the network's order, after checking the whole checkpoint as the
     * loader will. A checkpoint of the other network gets a hint that the files were swapped.
     */
    private static Map<String, StoredTensor> select(String source, Network network, List<TorchParameter> expected,
            Map<String, StoredTensor> tensors) throws WeightMismatchException {
        Map<String, ai.djl.ndarray.types.Shape> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.djlShape()));
        List<String> problems = WeightBinder.problems(network, expected, shapes);
        if (!problems.isEmpty()) {
            Network other = network == Network.RESNET18 ? Network.VGGISH : Network.RESNET18;
            List<TorchParameter> otherParams = other == Network.RESNET18 ? new ResNet18().torchParameters()
                    : new VggishNetwork(true, false).torchParameters();
            if (WeightBinder.problems(other, otherParams, shapes).isEmpty()) {
                problems = new ArrayList<>(problems);
                problems.add(0, "this is a " + other.fileBase() + " checkpoint: pass it as --" + other.fileBase());
            }
            throw new WeightMismatchException(source + " as " + network.fileBase(), problems);
        }
        Map<String, StoredTensor> selected = new LinkedHashMap<>();
        expected.forEach(p -> selected.put(p.name(), tensors.get(p.name())));
        return selected;
    }

    /** torchvggish keeps {@code pca_means} as a [128] vector and reshapes it to the [128, 1] column it uses. */
    private static StoredTensor pcaMeansColumn(String key, StoredTensor t) {
        long[] shape = t.shape();
        if (key.equals("pca_means") && shape.length == 1) {
            return new StoredTensor(t.dtype(), new long[] {shape[0], 1}, t.offset(), t.storage());
        }
        return t;
    }

    private static Written written(Path file, Map<String, StoredTensor> selected, Map<String, StoredTensor> source) {
        List<String> ignored = source.keySet().stream().filter(k -> !selected.containsKey(k)).toList();
        long values = selected.values().stream().mapToLong(StoredTensor::numel).sum();
        return new Written(file, selected.size(), values, ignored);
    }

    /** Written by hand, not {@code Properties.store}, whose date line would change the backbone id on every run. */
    private static void writeProperties(Path out, Request request) throws IOException {
        String text = "# avqa features weights import of " + request.resnet18().getFileName() + ", "
                + request.vggish().getFileName()
                + (request.vggishPca() != null ? ", " + request.vggishPca().getFileName() : "") + "\n"
                + "vggish.finalRelu=" + request.vggishFinalRelu() + "\n"
                + "vggish.pca=" + (request.vggishPca() != null) + "\n";
        Files.writeString(out.resolve(DirectoryBackbone.PROPERTIES), text, StandardCharsets.UTF_8);
    }
}
