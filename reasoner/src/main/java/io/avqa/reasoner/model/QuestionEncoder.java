package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Question encoder (MODEL.md step 7): word embedding, tanh, a one-layer LSTM over all L steps, the final hidden
 * and cell states concatenated, tanh, FC(2D -> D). Input token ids [Q, L] (int64), output q [Q, D].
 */
final class QuestionEncoder extends SaSRBlock {
    private final int width;
    private final Parameter embedding;
    private final LSTM lstm;
    private final Linear output;

    QuestionEncoder(int vocabulary, int width) {
        this.width = width;
        embedding = addParameter(Parameter.builder().setName("wordEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, width)).build());
        lstm = child("lstm", LSTM.builder().setStateSize(width).setNumLayers(1).optBatchFirst(true)
                .optReturnState(true).build(), new Shape(1, SaSRConfig.QUESTION_LENGTH, width));
        output = linear("output", 2L * width, width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.head();
        if (ids.getDataType() != DataType.INT64) {
            ids = ids.toType(DataType.INT64, false);
        }
        NDArray table = ps.getValue(embedding, ids.getDevice(), training);
        // [Q, L] -> [Q, L, D]
        NDArray words = Embedding.embedding(ids, table, SparseFormat.DENSE).head().tanh();
        NDList states = lstm.forward(ps, new NDList(words), training);
        // hidden and cell: [layers = 1, Q, D] each -> [Q, 2D]
        NDArray hidden = states.get(1).squeeze(0);
        NDArray cell = states.get(2).squeeze(0);
        NDArray q = apply(output, ps, hidden.concat(cell, 1).tanh(), training);
        return new NDList(q);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), width)};
    }
}
