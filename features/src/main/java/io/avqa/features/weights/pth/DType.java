package io.avqa.features.weights.pth;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

import io.avqa.features.extract.Fp16;

/**
 * Element types a PyTorch checkpoint stores, by the storage class its pickle names ({@code torch.FloatStorage})
 * or the numpy type code of an array ({@code f4}). Every one converts to float32, the type the backbones run in;
 * float64 and int64 values round to the nearest float32.
 */
public enum DType {
    F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("FloatStorage", F32), Map.entry("DoubleStorage", F64), Map.entry("HalfStorage", F16),
            Map.entry("BFloat16Storage", BF16), Map.entry("LongStorage", I64), Map.entry("IntStorage", I32),
            Map.entry("ShortStorage", I16), Map.entry("CharStorage", I8), Map.entry("ByteStorage", U8),
            Map.entry("BoolStorage", BOOL));
    private static final Map<String, DType> NUMPY = Map.ofEntries(
            Map.entry("f4", F32), Map.entry("f8", F64), Map.entry("f2", F16), Map.entry("i8", I64),
            Map.entry("i4", I32), Map.entry("i2", I16), Map.entry("i1", I8), Map.entry("u1", U8), Map.entry("b1", BOOL));

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The type of a {@code torch.<Name>Storage} class, or null for a storage type this reader does not know. */
    static DType ofStorage(String className) {
        return STORAGES.get(className);
    }

    /** The type of a numpy dtype code such as {@code f8}, or null when unknown. */
    static DType ofNumpy(String code) {
        return NUMPY.get(code.toLowerCase(Locale.ROOT));
    }

    /** Element {@code i} of a little-endian buffer, as float32. */
    float read(ByteBuffer littleEndian, int i) {
        return switch (this) {
            case F32 -> littleEndian.getFloat(i * 4);
            case F64 -> (float) littleEndian.getDouble(i * 8);
            case F16 -> Fp16.toFloat(littleEndian.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((littleEndian.getShort(i * 2) & 0xffff) << 16);
            case I64 -> littleEndian.getLong(i * 8);
            case I32 -> littleEndian.getInt(i * 4);
            case I16 -> littleEndian.getShort(i * 2);
            case I8 -> littleEndian.get(i);
            case U8, BOOL -> littleEndian.get(i) & 0xff;
        };
    }
}
