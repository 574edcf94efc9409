package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The source-aware semantic block of one modality (MODEL.md step 4; weights not shared between modalities).
 *
 * <p>Inputs: features [B, T, in] (audio: the projected audio, in = D; visual: pooled maps, in = 512), tokens
 * G [B, C, D], and for audio the visual source-aware features [B, T, D]. Outputs: source-aware features f_s
 * [B, T, D], enriched features f_g [B, T, D], source embeddings G' [B, C, D], presence p [B, C].
 */
final class SourceSemanticBlock extends SaSRBlock {
    private final SaSRConfig config;
    private final boolean visual;
    private final Linear projection;
    private final Linear secondProjection;
    private final Linear fuse;
    private final EncoderLayer[] encoder;
    private final CrossAttentionLayer crossModal;
    private final GroupingBlock grouping;
    private final CrossAttentionLayer gather;
    private final Linear presence;

    SourceSemanticBlock(SaSRConfig config, boolean visual) {
        this.config = config;
        this.visual = visual;
        int d = config.width();
        int in = visual ? SaSRConfig.VISUAL_CHANNELS : d;
        projection = linear("projection", in, d);
        // visual: two projections of the pooled map concatenated and fused 2D -> D (reference)
        secondProjection = visual ? linear("secondProjection", in, d) : null;
        fuse = visual ? linear("fuse", 2L * d, d) : null;
        encoder = new EncoderLayer[config.preset().depth()];
        for (int i = 0; i < encoder.length; i++) {
            encoder[i] = child("encoder" + i, new EncoderLayer(d, config.preset().heads()), new Shape(1, 1, d));
        }
        crossModal = visual ? null : child("crossModal", new CrossAttentionLayer(d, config.preset().heads()),
                new Shape(1, 1, d), new Shape(1, 1, d));
        grouping = child("grouping", new GroupingBlock(d, config.preset().heads(), config.categories()),
                new Shape(1, config.categories(), d), new Shape(1, 1, d));
        gather = child("gather", new CrossAttentionLayer(d, config.preset().heads()),
                new Shape(1, 1, d), new Shape(1, config.categories(), d));
        presence = linear("presence", d, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList aware = sourceAware(ps, inputs.get(0), inputs.get(1), training);
        return semantics(ps, aware, visual ? null : inputs.get(2), training);
    }

    /**
     * The block's first part, which needs nothing from the other modality: projection and the transformer over
     * features and tokens. Returns source-aware features f_s [B, T, D] and contextual tokens G_m [B, C, D].
     */
    NDList sourceAware(ParameterStore ps, NDArray x, NDArray tokens, boolean training) {
        int steps = (int) x.getShape().get(1);
        NDArray projected = apply(projection, ps, x, training);
        if (visual) {
            // [B, T, D] ++ [B, T, D] -> [B, T, 2D] -> [B, T, D]
            NDArray second = apply(secondProjection, ps, x, training);
            projected = apply(fuse, ps, projected.concat(second, 2), training);
        }
        boolean withTokens = !config.has(Ablation.SLT);
        // [B, T, D] ++ [B, C, D] -> [B, T + C, D]
        NDArray sequence = withTokens ? projected.concat(tokens, 1) : projected;
        for (EncoderLayer layer : encoder) {
            sequence = apply(layer, ps, sequence, training);
        }
        if (!withTokens) {
            return new NDList(sequence, tokens);
        }
        // split back: [B, T + C, D] -> f_s [B, T, D], G_m [B, C, D]
        long total = sequence.getShape().get(1);
        return new NDList(sequence.get(new NDIndex().addAllDim().addSliceDim(0, steps).addAllDim()),
                sequence.get(new NDIndex().addAllDim().addSliceDim(steps, total).addAllDim()));
    }

    /**
     * The rest, given {@link #sourceAware}'s outputs and, for audio, the visual block's source-aware features:
     * returns f_s (audio: after the cross-modal step), f_g, G' and p.
     */
    NDList semantics(ParameterStore ps, NDList aware, NDArray visualSourceAware, boolean training) {
        NDArray sourceAware = aware.get(0);
        NDArray contextTokens = aware.get(1);
        if (!visual) {
            sourceAware = crossModal.forward(ps, new NDList(sourceAware, visualSourceAware), training).head();
        }
        NDArray sourceEmbeddings;
        NDArray enriched;
        if (config.has(Ablation.SASR)) {
            sourceEmbeddings = contextTokens;
            enriched = sourceAware;
        } else {
            sourceEmbeddings = grouping.forward(ps, new NDList(contextTokens, sourceAware), training).head();
            enriched = gather.forward(ps, new NDList(sourceAware, sourceEmbeddings), training).head();
        }
        // [B, C, D] -> [B, C, 1] -> [B, C]
        NDArray present = apply(presence, ps, sourceEmbeddings, training).squeeze(2);
        return new NDList(sourceAware, enriched, sourceEmbeddings, present);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        long d = config.width();
        long c = config.categories();
        return new Shape[] {new Shape(b, t, d), new Shape(b, t, d), new Shape(b, c, d), new Shape(b, c)};
    }
}
