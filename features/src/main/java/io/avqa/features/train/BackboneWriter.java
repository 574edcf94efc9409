package io.avqa.features.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

import io.avqa.features.nn.TorchParameter;
import io.avqa.features.weights.DirectoryBackbone;

/**
 * Writes a backbone directory in the {@code --weights} format ({@link DirectoryBackbone}): safetensors with
 * torchvision / torchvggish names and a {@code backbone.properties}. Values are stored as given ({@code FLOAT16}
 * halves the files; the loader widens them to float32).
 */
public final class BackboneWriter {
    private BackboneWriter() {
    }

    /** Writes the parameters of {@code parameters} accepted by {@code keep} to {@code file}, in {@code type}. */
    public static void writeSafetensors(Path file, List<TorchParameter> parameters, Predicate<String> keep,
            DataType type) throws IOException {
        NDList list = new NDList();
        for (TorchParameter p : parameters) {
            if (keep.test(p.name())) {
                NDArray w = p.parameter().getArray();
                // a real copy: toType to the same type aliases the parameter, which list.close() would then free
                NDArray a = w.getDataType() == type ? w.duplicate() : w.toType(type, false);
                a.setName(p.name());
                list.add(a);
            }
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        } finally {
            list.close();
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code backbone.properties} with the given entries, sorted, so equal entries give equal bytes. */
    public static void writeProperties(Path dir, Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder("# written by avqa features train\n");
        new java.util.TreeMap<>(entries).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve(DirectoryBackbone.PROPERTIES), text);
    }
}
