package io.avqa.reasoner.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Everything that fixes the shapes of a SaSR-Net: built once by {@link SaSRNet.Builder} and saved with the
 * weights.
 *
 * @param preset        model size
 * @param window        T (time steps per window, fixed per model because the grouping MLP is sized by it)
 *                      and the stride s in seconds between them
 * @param categories    C, the number of source categories (22 for MUSIC-AVQA)
 * @param answers       size of the answer set (42 for MUSIC-AVQA)
 * @param vocabulary    number of question tokens, {@code <pad>} included
 * @param ablations     switched-off parts (empty for the full model)
 * @param extensions    parts beyond the paper switched on (empty for the paper's model)
 */
public record SaSRConfig(Preset preset, Window window, int categories, int answers, int vocabulary,
        Set<Ablation> ablations, Set<Extension> extensions) {

    /** Audio feature width (VGGish). */
    public static final int AUDIO_DIM = 128;
    /** Visual feature channels (ResNet-18 layer4). */
    public static final int VISUAL_CHANNELS = 512;
    /** Spatial positions of the 14 x 14 visual map. */
    public static final int POSITIONS = 196;
    /** Question length L: token ids are right-padded or cut to this length. */
    public static final int QUESTION_LENGTH = 14;

    public SaSRConfig {
        if (preset == null || window == null) {
            throw new IllegalArgumentException("preset and window must be set");
        }
        positive(categories, "categories");
        positive(answers, "answers");
        positive(vocabulary, "vocabulary");
        ablations = ablations.isEmpty() ? EnumSet.noneOf(Ablation.class) : EnumSet.copyOf(ablations);
        extensions = extensions.isEmpty() ? EnumSet.noneOf(Extension.class) : EnumSet.copyOf(extensions);
    }

    /** The paper's model with the given ablations and no extensions. */
    public SaSRConfig(Preset preset, Window window, int categories, int answers, int vocabulary,
            Set<Ablation> ablations) {
        this(preset, window, categories, answers, vocabulary, ablations, Set.of());
    }

    /** Model width D. */
    public int width() {
        return preset.width();
    }

    /** Time steps T. */
    public int steps() {
        return window.steps();
    }

    public boolean has(Ablation a) {
        return ablations.contains(a);
    }

    public boolean has(Extension e) {
        return extensions.contains(e);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException("The parameter '" + name + "' must be positive, got " + v);
        }
    }
}
