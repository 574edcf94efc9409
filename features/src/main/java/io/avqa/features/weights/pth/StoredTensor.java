package io.avqa.features.weights.pth;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor of a checkpoint, not yet read: its element type, its shape, and where its values are (a
 * contiguous run of {@code numel} elements starting {@code offset} elements into a storage). Values are read
 * only when written out, so a checkpoint's names and shapes can be checked before any of its data is touched.
 */
public record StoredTensor(DType dtype, long[] shape, long offset, StorageBytes storage) {
    /** Elements converted per read: 4 MiB of float32 output at most. */
    private static final int CHUNK = 1 << 20;

    public StoredTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public Shape djlShape() {
        return new Shape(shape);
    }

    public long numel() {
        return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
    }

    /** Bytes the tensor needs from its storage, counted from the storage's start. */
    long end() {
        return (offset + numel()) * dtype.size();
    }

    /**
     * Writes the values as little-endian float32.
     *
     * @throws IOException when the storage ends before the tensor does (a truncated file)
     */
    public void writeFloat32(OutputStream out) throws IOException {
        long remaining = numel();
        try (InputStream in = storage.open()) {
            in.skipNBytes(offset * dtype.size());
            byte[] raw = new byte[(int) Math.min(remaining, CHUNK) * dtype.size()];
            ByteBuffer source = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer target = ByteBuffer.allocate((int) Math.min(remaining, CHUNK) * 4).order(ByteOrder.LITTLE_ENDIAN);
            while (remaining > 0) {
                int n = (int) Math.min(remaining, CHUNK);
                if (in.readNBytes(raw, 0, n * dtype.size()) < n * dtype.size()) {
                    throw new EOFException();
                }
                target.clear();
                for (int i = 0; i < n; i++) {
                    target.putFloat(dtype.read(source, i));
                }
                out.write(target.array(), 0, n * 4);
                remaining -= n;
            }
        } catch (EOFException e) {
            throw new IOException(storage.describe() + " ends before its tensor does: the file is truncated", e);
        }
    }
}
