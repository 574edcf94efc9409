package io.avqa.features.weights.pth;

import java.io.IOException;
import java.io.InputStream;

/**
 * The raw little-endian bytes of one storage: a record of a zip checkpoint, a byte range of a legacy one, or
 * bytes held inline by the pickle (numpy arrays).
 */
public interface StorageBytes {
    /** A fresh stream over the storage's bytes from its start. */
    InputStream open() throws IOException;

    /** Bytes the storage holds. */
    long length();

    /** Names the storage in error messages, e.g. {@code resnet18.pth, storage 17}. */
    String describe();
}
