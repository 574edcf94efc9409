package io.avqa.features.weights.pth;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

/**
 * An opened {@code .pth} state dict: tensors by PyTorch name, in file order, their values still on disk
 * (read through {@link StoredTensor#writeFloat32}). Holds the file open until closed.
 */
public final class PthCheckpoint implements Closeable {
    private final Path file;
    private final Map<String, StoredTensor> tensors;
    private final Closeable resource;

    PthCheckpoint(Path file, Object root, Closeable resource) throws IOException {
        this.file = file;
        this.resource = resource;
        this.tensors = stateDict(file, root);
    }

    public Path file() {
        return file;
    }

    /** Tensors by name, in the order the file lists them. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** Every tensor's shape by name, the form {@code WeightBinder.problems} checks. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        tensors.forEach((k, v) -> shapes.put(k, v.djlShape()));
        return shapes;
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    /**
     * The dict of tensors: the pickle's top-level dict, or its {@code state_dict} entry when the file is a
     * training checkpoint ({@code {'epoch': .., 'state_dict': {..}}}).
     */
    private static Map<String, StoredTensor> stateDict(Path file, Object root) throws IOException {
        if (root instanceof Map<?, ?> m && m.get("state_dict") instanceof Map<?, ?> inner) {
            root = inner;
        }
        if (!(root instanceof Map<?, ?> dict)) {
            throw new IOException(file + " holds a " + Unpickler.describe(root) + ", not a state dict (a dict of "
                    + "tensors by name): save model.state_dict()");
        }
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        List<String> notTensors = new java.util.ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            Object v = e.getValue() instanceof NumpyArray a ? a.tensor() : e.getValue();
            if (v instanceof StoredTensor t) {
                out.put(String.valueOf(e.getKey()), t);
            } else {
                notTensors.add(e.getKey() + " (" + Unpickler.describe(v) + ")");
            }
        }
        if (!notTensors.isEmpty()) {
            throw new IOException(file + " is not a state dict: " + notTensors.size() + " entries are not tensors: "
                    + String.join(", ", notTensors.subList(0, Math.min(5, notTensors.size())))
                    + (notTensors.size() > 5 ? ", ..." : ""));
        }
        return out;
    }
}
