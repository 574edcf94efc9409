package io.avqa.features.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.avqa.features.nn.TorchParameter;

/**
 * Binds a state dict (tensors by PyTorch name) to a network's parameters after checking all of it,
 * in the manner of nanoGPT's {@code from_pretrained}: same key set, same shape for every key.
 */
public final class WeightBinder {
    private WeightBinder() {
    }

    /**
     * Every problem with {@code provided} for {@code expected}: {@code missing: NAME [shape]},
     * {@code unexpected: NAME [shape]}, {@code wrong shape: NAME is [..], expected [..]}. Empty when it fits.
     */
    public static List<String> problems(Network network, List<TorchParameter> expected, Map<String, Shape> provided) {
        List<String> problems = new ArrayList<>();
        Map<String, Shape> want = new LinkedHashMap<>();
        expected.forEach(p -> want.put(p.name(), p.shape()));
        for (Map.Entry<String, Shape> e : want.entrySet()) {
            Shape got = provided.get(e.getKey());
            if (got == null) {
                problems.add("missing: " + e.getKey() + " " + dims(e.getValue()));
            } else if (!got.equals(e.getValue())) {
                problems.add("wrong shape: " + e.getKey() + " is " + dims(got) + ", expected " + dims(e.getValue()));
            }
        }
        for (Map.Entry<String, Shape> e : provided.entrySet()) {
            if (!want.containsKey(e.getKey()) && !(network.ignores(e.getKey()))) {
                problems.add("unexpected: " + e.getKey() + " " + dims(e.getValue()));
            }
        }
        return problems;
    }

    /**
     * Checks, then sets every parameter to a float32 copy of its tensor in {@code manager}.
     *
     * @throws WeightMismatchException listing all problems; no parameter is set then
     */
    public static void bind(String source, Network network, List<TorchParameter> expected, Map<String, NDArray> tensors,
            NDManager manager) throws WeightMismatchException {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        tensors.forEach((k, v) -> shapes.put(k, v.getShape()));
        List<String> problems = problems(network, expected, shapes);
        if (!problems.isEmpty()) {
            throw new WeightMismatchException(source, problems);
        }
        for (TorchParameter p : expected) {
            NDArray t = tensors.get(p.name());
            // toType(FLOAT32, copy) on a float32 tensor returns an alias in the PyTorch engine, and a decoded
            // safetensors tensor may live in the reader's buffer, freed after binding: duplicate() really copies
            NDArray copy = t.getDataType() == DataType.FLOAT32 ? t.duplicate() : t.toType(DataType.FLOAT32, false);
            copy.attach(manager);
            p.parameter().setArray(copy);
        }
    }

    static String dims(Shape shape) {
        return Arrays.toString(shape.getShape());
    }
}
