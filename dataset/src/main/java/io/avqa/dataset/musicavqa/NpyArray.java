package io.avqa.dataset.musicavqa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dense float array with a shape, read from and written to NumPy's {@code .npy} format (versions 1-3,
 * C order). Reading accepts little- or big-endian float16, float32 and float64 (MUSIC-AVQA's own files
 * are float32; ours store visual maps as float16 to halve the disk); data is always held as float32.
 *
 * @param shape dimensions, outermost first (e.g. {@code [S, 512, 14, 14]})
 * @param data  row-major values; {@code data.length} equals the product of {@code shape}
 */
public record NpyArray(long[] shape, float[] data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but data has " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Reads a {@code .npy} file; names the file and the problem when the format is not supported. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
                throw new IOException(file + " is not a .npy file (bad magic)");
            }
            int major = magic[6];
            int headerLen;
            if (major == 1) {
                byte[] len = in.readNBytes(2);
                headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
            } else if (major == 2 || major == 3) {
                byte[] len = in.readNBytes(4);
                headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
            } else {
                throw new IOException(file + ": unsupported .npy version " + major);
            }
            String header = new String(in.readNBytes(headerLen),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shapeM = SHAPE.matcher(header);
            if (!descr.find() || !shapeM.find()) {
                throw new IOException(file + ": cannot parse .npy header " + header.trim());
            }
            if (fortran.find() && fortran.group(1).equals("True")) {
                throw new IOException(file + ": Fortran-ordered arrays are not supported; save with C order");
            }
            if (!descr.group(2).equals("f")) {
                throw new IOException(file + ": dtype " + descr.group() + " is not a float type");
            }
            ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int width = Integer.parseInt(descr.group(3));
            long[] shape = parseShape(shapeM.group(1));
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            if (count * width > Integer.MAX_VALUE) {
                throw new IOException(file + ": array of " + count + " values is too large");
            }
            byte[] raw = in.readNBytes((int) (count * width));
            if (raw.length != count * width) {
                throw new IOException(file + ": truncated (expected " + count * width + " data bytes, found "
                        + raw.length + ")");
            }
            ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
            float[] data = new float[(int) count];
            switch (width) {
                case 2 -> {
                    for (int i = 0; i < data.length; i++) {
                        data[i] = Half.toFloat(buf.getShort());
                    }
                }
                case 4 -> buf.asFloatBuffer().get(data);
                case 8 -> {
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) buf.getDouble();
                    }
                }
                default -> throw new IOException(file + ": unsupported float width " + width);
            }
            return new NpyArray(shape, data);
        }
    }

    /**
     * Writes this array as a version-1 {@code .npy} file, little-endian, as float16 ({@code <f2}) or
     * float32 ({@code <f4}). Parent directories are created. float16 rounds to nearest even and
     * saturates to infinity above 65504.
     */
    public void write(Path file, boolean asFloat16) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.length == 1) {
            dims.setLength(dims.length() - 1);
        }
        String dict = "{'descr': '" + (asFloat16 ? "<f2" : "<f4") + "', 'fortran_order': False, 'shape': ("
                + dims.toString().trim() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int width = asFloat16 ? 2 : 4;
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + data.length * width)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (asFloat16) {
            for (float v : data) {
                buf.putShort(Half.fromFloat(v));
            }
        } else {
            buf.asFloatBuffer().put(data);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buf.array());
        }
    }

    private static long[] parseShape(String s) {
        return Arrays.stream(s.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .mapToLong(t -> Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t))
                .toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape);
    }
}
