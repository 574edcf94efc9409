package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Small random inputs for model tests. */
final class NetFixture {
    static final int T = 4;
    static final int C = 22;
    static final int A = 42;
    static final int V = 30;

    private NetFixture() {
    }

    static SaSRNet net(Preset preset, NDManager manager) {
        return net(preset, manager, java.util.Set.of());
    }

    static SaSRNet net(Preset preset, NDManager manager, java.util.Set<Extension> extensions) {
        return SaSRNet.builder().preset(preset).window(T, 1).categories(C).answers(A).vocabulary(V)
                .optExtensions(extensions).build().initialize(manager);
    }

    static NDArray audio(NDManager m, int b) {
        return m.randomNormal(new Shape(b, T, 128));
    }

    static NDArray visual(NDManager m, int b) {
        return m.randomUniform(0f, 1f, new Shape(b, T, 512, 14, 14));
    }

    static NDArray tokens(NDManager m, int q) {
        return m.randomInteger(1, V, new Shape(q, 14), DataType.INT64);
    }
}
