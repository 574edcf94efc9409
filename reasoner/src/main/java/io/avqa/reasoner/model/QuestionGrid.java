package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * The window side of {@link Extension#QSA}: the positions the question attends over. The visual map is averaged
 * over the window's T steps (what is where on screen changes slowly against a 10-second window, and a question
 * then attends over 196 positions instead of T x 196), each position's 512 channels are projected to D, a learned
 * embedding of the position is added (so "left" can be learned at all), and a LayerNorm evens out the map's
 * magnitudes, which vary with the picture's brightness. Question-independent: computed once per window and cached
 * with the rest of the {@link WindowState}.
 *
 * <p>Input: visual map [B, T, 512, 196]. Output: grid [B, 196, D].
 */
final class QuestionGrid extends SaSRBlock {
    private final int width;
    private final Linear project;
    private final Parameter positionEmbedding;
    private final LayerNorm norm;

    QuestionGrid(int width) {
        this.width = width;
        project = linear("project", SaSRConfig.VISUAL_CHANNELS, width);
        positionEmbedding = addParameter(Parameter.builder().setName("positionEmbedding")
                .setType(Parameter.Type.OTHER).optShape(new Shape(SaSRConfig.POSITIONS, width))
                .optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        norm = layerNorm("norm", width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // [B, T, 512, 196] -> mean over T [B, 512, 196] -> [B, 196, 512] -> [B, 196, D]
        NDArray positions = inputs.get(0).mean(new int[] {1}).transpose(0, 2, 1);
        NDArray projected = apply(project, ps, positions, training);
        NDArray embedding = ps.getValue(positionEmbedding, projected.getDevice(), training);
        return new NDList(apply(norm, ps, projected.add(embedding), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), SaSRConfig.POSITIONS, width)};
    }
}
