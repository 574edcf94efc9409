package io.avqa.features.weights.pth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A numpy array as its pickle builds it: {@code _reconstruct} makes an empty one, {@code BUILD} gives it
 * {@code (version, shape, dtype, fortran_order, raw_bytes)}. torchvggish's PCA parameter file holds two of them.
 */
final class NumpyArray {
    /** A numpy dtype: its type code ({@code f8}) from the constructor, its byte order from {@code BUILD}. */
    static final class Dtype {
        private final String code;
        private String byteOrder = "<";

        Dtype(String code) {
            this.code = code;
        }

        void setState(Object state) throws IOException {
            // (version, byte order, subarray, names, fields, elsize, alignment, flags)
            if (!(state instanceof List<?> t) || t.size() < 2) {
                throw new IOException("unsupported numpy dtype state " + state);
            }
            byteOrder = String.valueOf(t.get(1));
        }

        DType dtype() throws IOException {
            DType d = DType.ofNumpy(code);
            if (d == null) {
                throw new IOException("unsupported numpy dtype " + code);
            }
            // '<' little, '|' not applicable (one byte), '=' native: every machine PyTorch runs on is little-endian
            if (byteOrder.equals(">")) {
                throw new IOException("a big-endian numpy array (" + code + "): save it little-endian");
            }
            return d;
        }
    }

    private StoredTensor tensor;

    void setState(Object state) throws IOException {
        if (!(state instanceof List<?> t) || t.size() != 5 || !(t.get(2) instanceof Dtype dtype)) {
            throw new IOException("unsupported numpy array state");
        }
        if (!(t.get(4) instanceof byte[] data)) {
            throw new IOException("a numpy array of Python objects, not numbers");
        }
        long[] shape = ((List<?>) t.get(1)).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
        if (Boolean.TRUE.equals(t.get(3)) && shape.length > 1) {
            throw new IOException("a Fortran-ordered numpy array: save np.ascontiguousarray(...) instead");
        }
        DType type = dtype.dtype();
        tensor = new StoredTensor(type, shape, 0, new StorageBytes() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(data);
            }

            @Override
            public long length() {
                return data.length;
            }

            @Override
            public String describe() {
                return "a numpy array";
            }
        });
        if (tensor.end() > data.length) {
            throw new IOException("a numpy array of shape " + java.util.Arrays.toString(shape) + " holds only "
                    + data.length + " bytes");
        }
    }

    /** The array as a tensor; null before {@code BUILD}. */
    StoredTensor tensor() {
        return tensor;
    }
}
