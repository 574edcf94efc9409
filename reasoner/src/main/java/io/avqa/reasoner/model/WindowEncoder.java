package io.avqa.reasoner.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * SaSR-Net steps 1-5, the question-independent part run once per window.
 *
 * <p>Inputs: audio [B, T, 128], visual map [B, T, 512, 14, 14]. Outputs in {@link WindowState} order —
 * f_g_audio [B, T, D], f_sa [B, T, D], p_audio [B, C], p_visual [B, C], spatial attention [B, T, 196] — then,
 * for the training heads, f_g_visual [B, T, D], presence logits audio/visual [B, C] and the tokens G [C, D]; with
 * {@link Extension#QSA} last the question grid [B, 196, D].
 */
public final class WindowEncoder extends SaSRBlock {
    /** Outputs beyond the five of {@link WindowState}. */
    static final int ENRICHED_VISUAL = 5;
    static final int AUDIO_PRESENCE_LOGITS = 6;
    static final int VISUAL_PRESENCE_LOGITS = 7;
    static final int TOKENS = 8;
    /** With {@link Extension#QSA}: the grid [B, 196, D] the question attends over (a {@link WindowState} part). */
    static final int QUESTION_GRID = 9;
    /**
     * Forward parameter: an {@link Executor} that runs the visual semantic block while the calling thread runs the
     * audio one (inference only). A single window's encode then takes about the longer branch instead of both.
     */
    public static final String VISUAL_BRANCH_EXECUTOR = "visualBranchExecutor";

    private final SaSRConfig config;
    private final Parameter tokens;
    private final Linear audioIn;
    private final Linear audioOut;
    private final SourceSemanticBlock visualSemantics;
    private final SourceSemanticBlock audioSemantics;
    private final SpatialAttention spatial;
    private final QuestionGrid questionGrid;

    WindowEncoder(SaSRConfig config) {
        this.config = config;
        int d = config.width();
        int c = config.categories();
        // step 3: source-wise learnable tokens G [C, D]. The reference starts them at zeros; here they start as
        // truncated normal (0.02) like the linear layers, so the C tokens differ from the first step instead of
        // giving the attention and the hard assignment C identical rows. (Tried as a fix for the non-finite
        // gradients the trainer sanitises: it is not one; counts stayed of the same order.) Loading saved weights
        // is unaffected.
        tokens = addParameter(Parameter.builder().setName("sourceTokens").setType(Parameter.Type.OTHER)
                .optShape(new Shape(c, d)).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        // step 1: a = FC(D->D)(ReLU(FC(128->D)(audio)))
        audioIn = linear("audioIn", SaSRConfig.AUDIO_DIM, d);
        audioOut = linear("audioOut", d, d);
        visualSemantics = child("visualSemantics", new SourceSemanticBlock(config, true),
                new Shape(1, 1, SaSRConfig.VISUAL_CHANNELS), new Shape(1, c, d));
        audioSemantics = child("audioSemantics", new SourceSemanticBlock(config, false),
                new Shape(1, 1, d), new Shape(1, c, d), new Shape(1, 1, d));
        spatial = child("spatialAttention", new SpatialAttention(config),
                new Shape(1, 1, d), new Shape(1, 1, d), new Shape(1, 1, SaSRConfig.VISUAL_CHANNELS,
                        SaSRConfig.POSITIONS));
        questionGrid = config.has(Extension.QSA) ? child("questionGrid", new QuestionGrid(d),
                new Shape(1, 1, SaSRConfig.VISUAL_CHANNELS, SaSRConfig.POSITIONS)) : null;
    }

    /** The two source-aware semantic blocks (visual, audio). */
    java.util.List<SourceSemanticBlock> semanticBlocks() {
        return java.util.List.of(visualSemantics, audioSemantics);
    }

    SpatialAttention spatialAttention() {
        return spatial;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = inputs.get(0);
        NDArray map = inputs.get(1);
        Shape s = map.getShape();
        long b = s.get(0);
        long t = s.get(1);
        // [B, T, 512, 14, 14] -> [B, T, 512, 196]
        NDArray positions = map.reshape(b, t, SaSRConfig.VISUAL_CHANNELS, SaSRConfig.POSITIONS);
        NDArray g = ps.getValue(tokens, audio.getDevice(), training);
        // [C, D] -> [1, C, D] -> [B, C, D]
        NDArray gBatch = g.expandDims(0).repeat(0, b);
        // step 1
        NDArray a = apply(audioOut, ps, Activation.relu(apply(audioIn, ps, audio, training)), training);
        // step 2: mean over the 196 positions: [B, T, 512, 196] -> [B, T, 512] (given per segment by the service)
        NDArray pooled = inputs.size() > 2 ? inputs.get(2) : positions.mean(new int[] {3});
        // step 4: the audio block attends to the visual block's source-aware features
        Executor branch = training || params == null ? null : (Executor) params.get(VISUAL_BRANCH_EXECUTOR);
        NDList v;
        NDList au;
        if (branch == null) {
            v = visualSemantics.forward(ps, new NDList(pooled, gBatch), training);
            au = audioSemantics.forward(ps, new NDList(a, gBatch, v.get(0)), training);
        } else {
            NDList[] both = semanticsInParallel(ps, pooled, a, gBatch, branch);
            v = both[0];
            au = both[1];
        }
        NDArray enrichedAudio = au.get(1);
        NDArray enrichedVisual = v.get(1);
        // step 5
        NDList spatialInputs = new NDList(enrichedAudio, enrichedVisual, positions);
        if (inputs.size() > 3) {
            spatialInputs.add(inputs.get(3));
        }
        NDList sa = spatial.forward(ps, spatialInputs, training);
        NDList out = new NDList(enrichedAudio, sa.get(0), Activation.sigmoid(au.get(3)),
                Activation.sigmoid(v.get(3)), sa.get(1), enrichedVisual, au.get(3), v.get(3), g);
        if (questionGrid != null) {
            out.add(apply(questionGrid, ps, positions, training));
        }
        return out;
    }

    /**
     * Step 4 with the visual block on {@code branch}'s thread while the audio block runs on this one: until the
     * audio block's cross-modal step, which waits for the visual source-aware features, the two share nothing.
     * The results are those of the sequential order (same operations on the same inputs). Returns {visual, audio}.
     */
    private NDList[] semanticsInParallel(ParameterStore ps, NDArray pooled, NDArray audio, NDArray tokens,
            Executor branch) {
        // ParameterStore is not thread-safe: the branch reads the same parameters through its own
        ParameterStore branchPs = new ParameterStore(pooled.getManager(), false);
        CompletableFuture<NDList> visualAware = new CompletableFuture<>();
        CompletableFuture<NDList> visual = CompletableFuture.supplyAsync(() -> {
            NDList aware = visualSemantics.sourceAware(branchPs, pooled, tokens, false);
            visualAware.complete(aware);
            return visualSemantics.semantics(branchPs, aware, null, false);
        }, branch);
        visual.whenComplete((ok, failure) -> {
            if (failure != null) {
                visualAware.completeExceptionally(failure);
            }
        });
        try {
            NDList audioAware = audioSemantics.sourceAware(ps, audio, tokens, false);
            NDList au = audioSemantics.semantics(ps, audioAware, visualAware.join().get(0), false);
            return new NDList[] {visual.join(), au};
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            visual.exceptionally(failure -> null).join(); // never leave the branch running on our arrays
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        long d = config.width();
        long c = config.categories();
        Shape bc = new Shape(b, c);
        Shape[] out = {new Shape(b, t, d), new Shape(b, t, d), bc, bc, new Shape(b, t, SaSRConfig.POSITIONS),
            new Shape(b, t, d), bc, bc, new Shape(c, d), new Shape(b, SaSRConfig.POSITIONS, d)};
        return questionGrid == null ? java.util.Arrays.copyOf(out, QUESTION_GRID) : out;
    }
}
