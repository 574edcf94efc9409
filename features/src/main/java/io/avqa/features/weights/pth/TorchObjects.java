package io.avqa.features.weights.pth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of a PyTorch state dict: {@code collections.OrderedDict}, tensors rebuilt by
 * {@code torch._utils._rebuild_tensor_v2} over storages named by persistent ids, and numpy arrays (torchvggish's
 * PCA parameters are pickled numpy arrays). Any other class is refused by name, so a checkpoint that holds a
 * whole pickled model, rather than its {@code state_dict()}, fails with a message instead of running code.
 */
final class TorchObjects implements PickleObjects {
    /** Finds the bytes of storage {@code key}, which holds {@code numel} elements of {@code dtype}. */
    @FunctionalInterface
    interface Storages {
        StorageBytes find(String key, DType dtype, long numel) throws IOException;
    }

    /** A storage as a persistent id names it; tensors are views of it. */
    private record Storage(DType dtype, long numel, StorageBytes bytes) {
    }

    private final Storages storages;
    private final Map<String, Storage> byKey = new HashMap<>();

    TorchObjects(Storages storages) {
        this.storages = storages;
    }

    @Override
    public Object call(Unpickler.PyGlobal callable, List<Object> args) throws IOException {
        switch (callable.toString()) {
            case "collections.OrderedDict", "builtins.dict":
                return new LinkedHashMap<>();
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                return tensor(args);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return args.get(0);
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct":
                return new NumpyArray();
            case "numpy.dtype":
                return new NumpyArray.Dtype((String) args.get(0));
            case "_codecs.encode":
                // protocol 2 has no bytes opcode: Python 3 pickles bytes as encode(str, 'latin1')
                return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            default:
                throw new IOException("the checkpoint holds a " + callable + ", which a state dict does not: save "
                        + "the model's state_dict() (torch.save(model.state_dict(), path)), not the model");
        }
    }

    @Override
    public void build(Object object, Object state) throws IOException {
        if (object instanceof Map<?, ?>) {
            return; // an OrderedDict's attributes, e.g. state_dict()'s _metadata (module versions): not weights
        }
        if (object instanceof NumpyArray array) {
            array.setState(state);
            return;
        }
        if (object instanceof NumpyArray.Dtype dtype) {
            dtype.setState(state);
            return;
        }
        throw new IOException("the pickle sets the state of a " + Unpickler.describe(object)
                + ", which a state dict does not hold");
    }

    @Override
    public Object persistentLoad(Object id) throws IOException {
        // ('storage', torch.FloatStorage, key, location, numel), legacy files add view metadata (None)
        if (!(id instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof Unpickler.PyGlobal type) || (t.size() > 5 && t.get(5) != null)) {
            throw new IOException("unsupported persistent id " + id + " (expected a tensor storage)");
        }
        DType dtype = DType.ofStorage(type.name());
        if (dtype == null) {
            throw new IOException("unsupported storage type " + type);
        }
        String key = String.valueOf(t.get(2));
        long numel = ((Number) t.get(4)).longValue();
        Storage known = byKey.get(key);
        if (known == null) {
            known = new Storage(dtype, numel, storages.find(key, dtype, numel));
            byKey.put(key, known);
        }
        return known;
    }

    private static StoredTensor tensor(List<Object> args) throws IOException {
        if (!(args.get(0) instanceof Storage storage)) {
            throw new IOException("a tensor without a storage: " + Unpickler.describe(args.get(0)));
        }
        long offset = ((Number) args.get(1)).longValue();
        long[] size = longs(args.get(2));
        long[] stride = longs(args.get(3));
        if (!contiguous(size, stride)) {
            throw new IOException("a tensor of shape " + Arrays.toString(size) + " is stored with strides "
                    + Arrays.toString(stride) + ", not contiguously: save a state dict of .contiguous() tensors");
        }
        StoredTensor tensor = new StoredTensor(storage.dtype(), size, offset, storage.bytes());
        if (offset < 0 || offset + tensor.numel() > storage.numel()) {
            throw new IOException("a tensor of shape " + Arrays.toString(size) + " at offset " + offset
                    + " does not fit its storage of " + storage.numel() + " elements");
        }
        return tensor;
    }

    private static long[] longs(Object tuple) {
        return ((List<?>) tuple).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** Row-major strides; a dimension of size 1 may have any stride. */
    static boolean contiguous(long[] size, long[] stride) {
        if (size.length != stride.length) {
            return false;
        }
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }
}
