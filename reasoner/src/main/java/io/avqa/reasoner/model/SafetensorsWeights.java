package io.avqa.reasoner.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes a block's parameters as a safetensors file (F16 halves the size of the shipped model;
 * F32 is exact). Loading checks every key and shape and names all missing, unexpected and mis-shaped
 * tensors in one error.
 */
public final class SafetensorsWeights {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWeights() {
    }

    /** Writes all parameters of {@code block}; {@code dtype} is "F16" or "F32". */
    public static void write(Block block, Path file, String dtype) throws IOException {
        DataType type = dataType(dtype);
        ObjectNode header = JSON.createObjectNode();
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            byte[] bytes;
            try (NDArray cast = array.toType(type, true)) {
                bytes = cast.toByteArray();
            }
            ObjectNode entry = header.putObject(p.getKey());
            entry.put("dtype", dtype);
            var shape = entry.putArray("shape");
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes.length);
            offset += bytes.length;
            blobs.add(bytes);
        }
        byte[] head = JSON.writeValueAsBytes(header);
        int pad = (8 - head.length % 8) % 8;
        byte[] padded = new byte[head.length + pad];
        System.arraycopy(head, 0, padded, 0, head.length);
        for (int i = head.length; i < padded.length; i++) {
            padded[i] = ' ';
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length).array());
            out.write(padded);
            for (byte[] b : blobs) {
                out.write(b);
            }
        }
    }

    /** Loads the file into the already initialised parameters of {@code block} (as float32). */
    public static void read(Block block, Path file, NDManager manager) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong();
        if (headerLength <= 0 || headerLength > all.length - 8) {
            throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
        }
        JsonNode header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.put(p.getKey(), p.getValue());
        }
        Set<String> unexpected = new TreeSet<>();
        header.fieldNames().forEachRemaining(k -> {
            if (!k.equals("__metadata__") && !params.containsKey(k)) {
                unexpected.add(k);
            }
        });
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            JsonNode entry = header.get(e.getKey());
            if (entry == null) {
                missing.add(e.getKey());
                continue;
            }
            long[] dims = new long[entry.get("shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = entry.get("shape").get(i).asLong();
            }
            Shape expected = e.getValue().getArray().getShape();
            if (!expected.equals(new Shape(dims))) {
                misShaped.add(e.getKey() + " " + new Shape(dims) + " (model has " + expected + ")");
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            throw new IOException(file + " does not fit this network: missing " + missing + ", unexpected "
                    + unexpected + ", mis-shaped " + misShaped);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            JsonNode entry = header.get(e.getKey());
            DataType type = dataType(entry.get("dtype").asText());
            int begin = dataStart + (int) entry.get("data_offsets").get(0).asLong();
            int end = dataStart + (int) entry.get("data_offsets").get(1).asLong();
            NDArray target = e.getValue().getArray();
            ByteBuffer slice = ByteBuffer.allocateDirect(end - begin).order(ByteOrder.nativeOrder());
            slice.put(all, begin, end - begin).flip();
            try (NDManager tmp = manager.newSubManager()) {
                NDArray raw = tmp.create(slice, target.getShape(), type);
                target.set(raw.toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
    }

    private static DataType dataType(String dtype) {
        return switch (dtype) {
            case "F16" -> DataType.FLOAT16;
            case "F32" -> DataType.FLOAT32;
            default -> throw new IllegalArgumentException("unsupported weight dtype " + dtype + " (F16 or F32)");
        };
    }
}
