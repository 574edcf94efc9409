package io.avqa.features.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.ndarray.NDManager;

import io.avqa.features.nn.TorchParameter;

/**
 * The weights of both backbone networks and the id that names them in every Embedding. Either the
 * deterministic {@link SeededBackbone seeded-v1} weights or a {@link DirectoryBackbone directory} of
 * checkpoints with torchvision / torchvggish names.
 */
public sealed interface Backbone permits SeededBackbone, DirectoryBackbone {

    /** Travels in every Embedding; a model refuses features of another backbone id. */
    String id();

    /** Whether VGGish's last FC layer is followed by a ReLU (true in torchvggish's release). */
    boolean vggishFinalRelu();

    /** Whether VGGish's PCA + quantisation post-processor runs (its {@code pproc.*} tensors are then required). */
    default boolean vggishPca() {
        return false;
    }

    /**
     * Sets every parameter of {@code network}; arrays are created in {@code manager}.
     *
     * @throws WeightMismatchException listing every missing, unexpected or mis-shaped key
     */
    void bind(Network network, List<TorchParameter> parameters, NDManager manager)
            throws WeightMismatchException, IOException;

    /**
     * The shipped backbone, trained here on the synthetic benchmark ({@code avqa features train}); the default of
     * every {@code --weights} option and of the demo. Relative to the repository root.
     */
    String SHIPPED = "models/backbone-synth";

    /**
     * The {@code --weights} option: absent or {@code seeded-v1} gives the seeded weights, anything else
     * must be a directory of checkpoints. {@link #SHIPPED} is looked up in the working directory, then above
     * the running code (the repository the jar or classes were built in), so tests and tools started from a
     * module folder find it too.
     */
    static Backbone parse(String weights) throws IOException {
        if (weights == null || weights.isBlank() || weights.equals(SeededInit.ID)) {
            return SeededBackbone.V1;
        }
        Path dir = Path.of(weights);
        if (!Files.isDirectory(dir) && weights.equals(SHIPPED)) {
            dir = ShippedBackbone.locate().orElse(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("--weights " + weights + " is neither " + SeededInit.ID + " nor a directory"
                    + (weights.equals(SHIPPED) ? " (run from the repository root, or pass --weights DIR or "
                            + SeededInit.ID + ")" : ""));
        }
        return DirectoryBackbone.open(dir);
    }
}
