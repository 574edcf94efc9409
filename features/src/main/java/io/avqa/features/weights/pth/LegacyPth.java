package io.avqa.features.weights.pth;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's legacy {@code torch.save} format (before 1.6; torchvggish's released files): five pickles in a row
 * (magic number, protocol version 1001, system info, the object, the sorted storage keys), then every storage
 * in key order as a little-endian int64 element count followed by its bytes. The storages' positions are found
 * by walking their headers, which also tells a truncated file before any value is read.
 */
final class LegacyPth {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL = 1001;

    /** A storage found at {@code position} (its first byte) once the headers are walked. */
    private static final class Storage implements StorageBytes {
        private final Path file;
        private final String key;
        private final DType dtype;
        private long position = -1;
        private long length;

        Storage(Path file, String key, DType dtype) {
            this.file = file;
            this.key = key;
            this.dtype = dtype;
        }

        @Override
        public InputStream open() throws IOException {
            FileChannel channel = FileChannel.open(file);
            channel.position(position);
            return Channels.newInputStream(channel);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public String describe() {
            return file.getFileName() + ", storage " + key;
        }
    }

    private LegacyPth() {
    }

    static PthCheckpoint read(Path file) throws IOException {
        Map<String, Storage> storages = new LinkedHashMap<>();
        try (CountingStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            PickleObjects none = new TorchObjects((key, dtype, numel) -> {
                throw new IOException("a storage in the file's header");
            });
            Object magic = new Unpickler(in, none).load();
            Object protocol = new Unpickler(in, none).load();
            if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)
                    || !Long.valueOf(PROTOCOL).equals(protocol)) {
                throw new IOException(file + " is not a torch.save file (magic " + magic + ", protocol " + protocol + ")");
            }
            Object sysInfo = new Unpickler(in, none).load();
            if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new IOException(file + " was saved on a big-endian machine; save it on a little-endian one");
            }
            Object root = new Unpickler(in, new TorchObjects((key, dtype, numel) ->
                    storages.computeIfAbsent(key, k -> new Storage(file, k, dtype)))).load();
            Object keys = new Unpickler(in, none).load();
            locate(file, in, keys, storages);
            return new PthCheckpoint(file, root, () -> { });
        } catch (EOFException e) {
            throw new IOException(file + " ends early (" + Files.size(file) + " bytes; " + e.getMessage()
                    + "): the download or copy was cut short, fetch the file again", e);
        }
    }

    /** Walks the storage headers after the pickles, recording where each storage's bytes start. */
    private static void locate(Path file, CountingStream in, Object keys, Map<String, Storage> storages)
            throws IOException {
        if (!(keys instanceof List<?> list)) {
            throw new IOException(file + ": the storage key list is a " + Unpickler.describe(keys));
        }
        for (Object k : list) {
            Storage s = storages.get(String.valueOf(k));
            if (s == null) {
                throw new IOException(file + " lists storage " + k + ", which no tensor uses");
            }
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                throw new EOFException("storage " + k + " is missing");
            }
            long numel = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            s.position = in.count;
            s.length = numel * s.dtype.size();
            try {
                in.skipNBytes(s.length);
            } catch (EOFException e) {
                throw new EOFException("storage " + k + " needs " + s.length + " bytes from byte " + s.position);
            }
        }
        for (Storage s : storages.values()) {
            if (s.position < 0) {
                throw new IOException(file + ": storage " + s.key + " is used but not stored: the file is damaged");
            }
        }
    }

    /** Counts the bytes consumed, so a storage's position is known after the pickles before it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
