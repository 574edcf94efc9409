package io.avqa.features.weights.pth;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a PyTorch {@code torch.save} file of a state dict, in either of its two formats:
 * <ul>
 *   <li>the zip format (PyTorch 1.6 and later, e.g. torchvision's {@code resnet18-f37072fd.pth}):
 *       {@code <name>/data.pkl} is the pickle, {@code <name>/data/<key>} each storage's raw bytes;</li>
 *   <li>the legacy format (earlier releases, and torchvggish's 2019 files): a stream of pickles (magic number,
 *       protocol, system info, the object, the storage keys) followed by each storage as an 8-byte element
 *       count and its bytes ({@link LegacyPth}).</li>
 * </ul>
 * Only the file's structure is read here; tensor values stay on disk until written out.
 */
public final class PthReader {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** PROTO 2, then LONG1 of 10 bytes: the legacy format's magic number. */
    private static final byte[] LEGACY = {(byte) 0x80, 2, (byte) 0x8a, 10};

    private PthReader() {
    }

    public static PthCheckpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (!startsWith(head, ZIP) && !startsWith(head, LEGACY)) {
            throw new IOException(file + " is not a PyTorch checkpoint: " + guess(head));
        }
        try {
            return startsWith(head, ZIP) ? zip(file) : LegacyPth.read(file);
        } catch (IOException | RuntimeException e) {
            throw named(file, e);
        }
    }

    /** Every message names the file once, at its start; a malformed pickle's runtime error becomes one too. */
    private static IOException named(Path file, Exception e) {
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())) {
            return io;
        }
        if (e instanceof RuntimeException) {
            return new IOException(file + " is not a state dict this reader understands (" + e + ")", e);
        }
        return new IOException(file + ": " + e.getMessage(), e);
    }

    private static PthCheckpoint zip(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + " is not a complete zip archive (" + Files.size(file) + " bytes; " + e.getMessage()
                    + "): the download or copy was cut short, fetch the file again", e);
        }
        try {
            String prefix = prefix(file, zip);
            ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
            if (byteOrder != null) {
                try (InputStream in = zip.getInputStream(byteOrder)) {
                    String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                    if (!order.equals("little")) {
                        throw new IOException(file + " stores its tensors " + order + "-endian; save it on a "
                                + "little-endian machine");
                    }
                }
            }
            TorchObjects objects = new TorchObjects((key, dtype, numel) -> zipStorage(file, zip, prefix, key, dtype, numel));
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                root = new Unpickler(in, objects).load();
            } catch (EOFException e) {
                throw new IOException(file + ": " + e.getMessage() + ": the file is damaged", e);
            }
            return new PthCheckpoint(file, root, zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** The archive's folder ({@code archive/}, or the file's stem in older releases) holding {@code data.pkl}. */
    private static String prefix(Path file, ZipFile zip) throws IOException {
        String prefix = null;
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            if (name.endsWith("/constants.pkl") || name.contains("/code/")) {
                throw new IOException(file + " is a TorchScript module, not a state dict: put it in the weights "
                        + "directory as resnet18.pt or vggish.pt, or save the module's state_dict() with torch.save");
            }
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                prefix = name.substring(0, name.length() - "data.pkl".length());
            }
        }
        if (prefix == null) {
            throw new IOException(file + " is a zip archive without data.pkl: not a torch.save file");
        }
        return prefix;
    }

    private static StorageBytes zipStorage(Path file, ZipFile zip, String prefix, String key, DType dtype, long numel)
            throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + key);
        String name = file.getFileName() + ", storage " + key;
        if (entry == null) {
            throw new IOException("storage " + key + " is missing from the archive: the file is damaged");
        }
        if (entry.getSize() < numel * dtype.size()) {
            throw new IOException("storage " + key + " holds " + entry.getSize() + " bytes, its " + numel + " "
                    + dtype + " elements need " + numel * dtype.size() + ": the file is damaged");
        }
        return new StorageBytes() {
            @Override
            public InputStream open() throws IOException {
                return zip.getInputStream(entry);
            }

            @Override
            public long length() {
                return entry.getSize();
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    private static String guess(byte[] head) {
        if (head.length == 0) {
            return "the file is empty";
        }
        if (head.length > 8 && head[8] == '{') {
            return "it looks like safetensors: copy it into the weights directory as resnet18.safetensors or "
                    + "vggish.safetensors, no import needed";
        }
        return "neither a zip archive nor a legacy torch.save stream";
    }
}
