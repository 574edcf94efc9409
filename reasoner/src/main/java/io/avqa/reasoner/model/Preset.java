package io.avqa.reasoner.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Model sizes. {@code sasr-base} has the reference sizes (MODEL.md); {@code sasr-small} halves the width and
 * drops one encoder layer for lean CPU deployments.
 */
public enum Preset {
    /** D = 512, 3 encoder layers, 8 heads: the reference configuration. */
    SASR_BASE("sasr-base", 512, 3, 8),
    /** D = 256, 2 encoder layers, 8 heads. */
    SASR_SMALL("sasr-small", 256, 2, 8);

    /** Heads of the question-guided temporal attention (MODEL.md step 8), for both presets. */
    public static final int TEMPORAL_HEADS = 4;
    /** Hidden width of the encoder MLP relative to D (reference: 4). */
    public static final int MLP_RATIO = 4;

    private final String id;
    private final int width;
    private final int depth;
    private final int heads;

    Preset(String id, int width, int depth, int heads) {
        this.id = id;
        this.width = width;
        this.depth = depth;
        this.heads = heads;
    }

    /** The name used on the command line and in {@code model.json}. */
    public String id() {
        return id;
    }

    /** Model width D. */
    public int width() {
        return width;
    }

    /** Transformer encoder layers in each source-aware semantic block. */
    public int depth() {
        return depth;
    }

    /** Heads of the encoder self-attention and of the cross-attention blocks. */
    public int heads() {
        return heads;
    }

    /** Parses {@code sasr-base} / {@code sasr-small}; names the valid choices otherwise. */
    public static Preset fromId(String id) {
        for (Preset p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + id + "'; choose one of "
                + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")));
    }
}
