package io.avqa.features.weights;

import java.util.function.Predicate;

/** The two backbone networks, with the base file name of their checkpoint in a weights directory. */
public enum Network {
    /** torchvision ResNet-18; its classifier {@code fc.*} is ignored when present. */
    RESNET18("resnet18", name -> name.startsWith("fc.")),
    /** torchvggish VGGish; its PCA post-processor {@code pproc.*} is ignored unless the backbone enables it. */
    VGGISH("vggish", name -> name.startsWith("pproc."));

    private final String fileBase;
    private final Predicate<String> unused;

    Network(String fileBase, Predicate<String> unused) {
        this.fileBase = fileBase;
        this.unused = unused;
    }

    public String fileBase() {
        return fileBase;
    }

    /**
     * Checkpoint keys this project reads but does not use: the network's unused heads and PyTorch's
     * BatchNorm training counter {@code num_batches_tracked}.
     */
    public boolean ignores(String key) {
        return key.endsWith(".num_batches_tracked") || unused.test(key);
    }
}
