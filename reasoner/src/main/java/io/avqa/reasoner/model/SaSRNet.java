package io.avqa.reasoner.model;

import java.util.EnumSet;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * SaSR-Net (MODEL.md), batch-first, as two callable parts plus the training-only heads:
 * {@link #windowEncoder()} (steps 1-5, once per window) and {@link #questionHead()} (steps 7-9, per question
 * over cached tensors); {@link #forwardInternal} chains them for the full forward pass.
 *
 * <p>Full forward inputs: audio [B, T, 128], visual map [B, T, 512, 14, 14], token ids [Q, L], window index
 * [Q]. Outputs: answer logits [Q, A], temporal attention audio [Q, T] and visual [Q, T].
 */
public final class SaSRNet extends SaSRBlock {
    private final SaSRConfig config;
    private final WindowEncoder windowEncoder;
    private final QuestionHead questionHead;
    private final MatchHead matchHead;
    private final Linear tokenIdentity;
    /** {@link Extension#DENSE}: per step, heard categories from f_g_audio and sounding columns from f_sa. */
    private final Linear secondAudio;
    private final Linear secondColumns;
    /** Screen columns the per-second head tells apart: left, middle, right. */
    public static final int COLUMNS = 3;

    public SaSRNet(SaSRConfig config) {
        this.config = config;
        int d = config.width();
        int t = config.steps();
        windowEncoder = child("windowEncoder", new WindowEncoder(config), audioShape(1, t), visualShape(1, t));
        questionHead = child("questionHead", new QuestionHead(config), new Shape(1, t, d), new Shape(1, t, d),
                new Shape(1, SaSRConfig.QUESTION_LENGTH), new Shape(1));
        matchHead = child("matchHead", new MatchHead(d), new Shape(1, 2L * d));
        tokenIdentity = linear("tokenIdentity", d, config.categories());
        boolean dense = config.has(Extension.DENSE);
        secondAudio = dense ? linear("secondAudio", d, config.categories()) : null;
        secondColumns = dense ? linear("secondColumns", d, COLUMNS) : null;
        // MODEL.md: the source-aware semantic blocks (from the reference's grouping code) use truncated normal
        // 0.02 and zero tokens; the AVST-derived parts (projections, question encoder, attentions, heads) keep a
        // fan-scaled default, without which the tanh(h * q) answer head starts with vanishing gradients
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        windowEncoder.semanticBlocks().forEach(b -> b.setInitializer(new TruncatedNormalInitializer(0.02f),
                Parameter.Type.WEIGHT));
    }

    public static Builder builder() {
        return new Builder();
    }

    public SaSRConfig config() {
        return config;
    }

    public WindowEncoder windowEncoder() {
        return windowEncoder;
    }

    public QuestionHead questionHead() {
        return questionHead;
    }

    /** Allocates and initialises every parameter in {@code manager}. */
    public SaSRNet initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, audioShape(1, config.steps()), visualShape(1, config.steps()),
                new Shape(1, SaSRConfig.QUESTION_LENGTH), new Shape(1));
        return this;
    }

    static Shape audioShape(long b, long t) {
        return new Shape(b, t, SaSRConfig.AUDIO_DIM);
    }

    static Shape visualShape(long b, long t) {
        return new Shape(b, t, SaSRConfig.VISUAL_CHANNELS, 14, 14);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList window = windowEncoder.forward(ps, new NDList(inputs.get(0), inputs.get(1)), training);
        return questionHead.forward(ps, questionInputs(window, inputs.get(2), inputs.get(3)), training);
    }

    /**
     * Everything the four losses need, for B clips and Q questions.
     *
     * @param negativeIndex [B*T] int64 row of the flattened [B*T] visual steps used as the negative for each
     *                      step; must point into a different clip
     */
    public TrainingOutputs forwardTraining(ParameterStore ps, NDArray audio, NDArray visual, NDArray tokens,
            NDArray windowIndex, NDArray negativeIndex, boolean training) {
        NDList w = windowEncoder.forward(ps, new NDList(audio, visual), training);
        NDArray enrichedAudio = w.get(0);
        NDArray attendedVisual = w.get(1);
        NDList answers = questionHead.forward(ps, questionInputs(w, tokens, windowIndex), training);
        long b = audio.getShape().get(0);
        long t = audio.getShape().get(1);
        long d = config.width();
        long c = SaSRConfig.VISUAL_CHANNELS;
        long p = SaSRConfig.POSITIONS;
        // negatives: raw maps [B, T, 512, 14, 14] -> [B*T, 512, 196] -> pick rows -> [B, T, 512, 196]
        NDArray negativeMap = visual.reshape(b * t, c, p).get(negativeIndex).reshape(b, t, c, p);
        // [B, T, D] -> [B*T, D] -> pick rows -> [B, T, D]
        NDArray negativeVisual = w.get(WindowEncoder.ENRICHED_VISUAL).reshape(b * t, d).get(negativeIndex)
                .reshape(b, t, d);
        SpatialAttention spatial = windowEncoder.spatialAttention();
        NDArray query = spatial.query(ps, enrichedAudio, training);
        NDArray attendedNegative = SpatialAttention.attend(query, negativeMap, config.has(Ablation.SA)).get(0);
        NDArray negativeFused = spatial.fuse(ps, negativeVisual, attendedNegative, training);
        // [B, T, D] ++ [B, T, D] -> [B*T, 2D]; positives first, then negatives: [2*B*T, 2D]
        NDArray pairs = enrichedAudio.concat(attendedVisual, 2).reshape(b * t, 2 * d)
                .concat(enrichedAudio.concat(negativeFused, 2).reshape(b * t, 2 * d), 0);
        NDArray matchLogits = matchHead.forward(ps, new NDList(pairs), training).head();
        // token identity: G [C, D] -> [C, C]
        NDArray identity = tokenIdentity.forward(ps, new NDList(w.get(WindowEncoder.TOKENS)), training).head();
        // per-second heads: [B, T, D] -> [B, T, C] and [B, T, 3]
        NDArray heardLogits = secondAudio == null ? null : apply(secondAudio, ps, enrichedAudio, training);
        NDArray columnLogits = secondColumns == null ? null : apply(secondColumns, ps, attendedVisual, training);
        return new TrainingOutputs(answers.get(0), matchLogits, w.get(WindowEncoder.AUDIO_PRESENCE_LOGITS),
                w.get(WindowEncoder.VISUAL_PRESENCE_LOGITS), identity, heardLogits, columnLogits);
    }

    /** The question head's inputs from the window encoder's outputs (with the grid under {@link Extension#QSA}). */
    private static NDList questionInputs(NDList window, NDArray tokens, NDArray windowIndex) {
        NDList in = new NDList(window.get(0), window.get(1), tokens, windowIndex);
        if (window.size() > WindowEncoder.QUESTION_GRID) {
            in.add(window.get(WindowEncoder.QUESTION_GRID));
        }
        return in;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return questionHead.getOutputShapes(new Shape[] {
            new Shape(in[0].get(0), in[0].get(1), config.width()), new Shape(in[0].get(0), in[0].get(1),
                config.width()), in[2], in[3]});
    }

    /**
     * Outputs of {@link #forwardTraining}.
     *
     * @param answerLogits        [Q, A]
     * @param matchLogits         [2*B*T, 2]: the B*T positive pairs, then the B*T negatives
     * @param audioPresenceLogits [B, C]
     * @param visualPresenceLogits [B, C]
     * @param tokenIdentityLogits [C, C]: row i should classify as category i
     * @param secondHeardLogits   [B, T, C] with {@link Extension#DENSE}, else null
     * @param secondColumnLogits  [B, T, 3] with {@link Extension#DENSE}, else null
     */
    public record TrainingOutputs(NDArray answerLogits, NDArray matchLogits, NDArray audioPresenceLogits,
            NDArray visualPresenceLogits, NDArray tokenIdentityLogits, NDArray secondHeardLogits,
            NDArray secondColumnLogits) {
    }

    /** Builder in DJL style: {@code SaSRNet.builder().preset(SASR_BASE).window(10, 1).categories(22)...}. */
    public static final class Builder {
        private Preset preset = Preset.SASR_BASE;
        private Window window;
        private int categories = -1;
        private int answers = -1;
        private int vocabulary = -1;
        private Set<Ablation> ablations = EnumSet.noneOf(Ablation.class);
        private Set<Extension> extensions = EnumSet.noneOf(Extension.class);

        public Builder preset(Preset preset) {
            this.preset = preset;
            return this;
        }

        public Builder window(int steps, int strideSeconds) {
            this.window = new Window(steps, strideSeconds);
            return this;
        }

        public Builder categories(int categories) {
            this.categories = categories;
            return this;
        }

        public Builder answers(int answers) {
            this.answers = answers;
            return this;
        }

        public Builder vocabulary(int vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        public Builder optAblations(Set<Ablation> ablations) {
            this.ablations = ablations;
            return this;
        }

        public Builder optExtensions(Set<Extension> extensions) {
            this.extensions = extensions;
            return this;
        }

        public SaSRConfig config() {
            if (window == null) {
                throw new IllegalArgumentException("window (T, stride) must be set");
            }
            return new SaSRConfig(preset, window, categories, answers, vocabulary, ablations, extensions);
        }

        public SaSRNet build() {
            return new SaSRNet(config());
        }
    }
}
