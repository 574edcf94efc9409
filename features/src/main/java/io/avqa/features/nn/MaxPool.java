package io.avqa.features.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The two max pools of the backbones, written as element-wise maxima of strided views of NCHW maps.
 * PyTorch 2.7's CPU {@code max_pool2d} always computes the argmax indices as well and ran at 3x the cost
 * of these (2x2: 21.6 vs 6.5 ms, 3x3: 62 vs 37 ms on a batch of 16 here). The results are identical:
 * a maximum is exact, and every output takes the maximum over exactly the pool's window.
 */
public final class MaxPool {
    private MaxPool() {}

    /** {@code max_pool2d(kernel 2, stride 2)}: VGGish's pools (odd trailing rows or columns dropped). */
    public static NDArray window2Stride2(NDArray x) {
        long h = x.getShape().get(2) / 2;
        long w = x.getShape().get(3) / 2;
        NDArray rows = slice(x, 2, 0, 2 * h - 1, 2).maximum(slice(x, 2, 1, 2 * h, 2));
        return slice(rows, 3, 0, 2 * w - 1, 2).maximum(slice(rows, 3, 1, 2 * w, 2));
    }

    /**
     * {@code max_pool2d(kernel 3, stride 2, padding 1)}: ResNet's stem pool. Maps with an odd height or width
     * go to PyTorch's pool (the backbones here only see even ones).
     */
    public static NDArray window3Stride2Pad1(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            return Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        }
        return window3Stride2Pad1(window3Stride2Pad1(x, 2), 3);
    }

    /**
     * Along one axis of even length 2n: output i is the maximum of inputs 2i-1, 2i and 2i+1 (the first
     * output has no 2i-1: the padding never wins a maximum).
     */
    private static NDArray window3Stride2Pad1(NDArray x, int axis) {
        long n = x.getShape().get(axis) / 2;
        NDArray odd = slice(x, axis, 1, 2 * n, 2);
        NDArray pairs = slice(x, axis, 0, 2 * n - 1, 2).maximum(odd); // inputs 2i, 2i+1
        NDArray rest = slice(pairs, axis, 1, n, 1).maximum(slice(odd, axis, 0, n - 1, 1)); // and 2i-1, i >= 1
        return slice(pairs, axis, 0, 1, 1).concat(rest, axis);
    }

    /** A view of {@code x} along axis 2 or 3 (NCHW): {@code start:stop:step}. */
    private static NDArray slice(NDArray x, int axis, long start, long stop, long step) {
        String range = start + ":" + stop + ":" + step;
        return x.get(new NDIndex(axis == 2 ? ":,:," + range : ":,:,:," + range));
    }
}
