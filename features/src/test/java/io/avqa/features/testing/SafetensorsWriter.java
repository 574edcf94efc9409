package io.avqa.features.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a safetensors file byte by byte from its specification (8-byte little-endian header length, JSON
 * header of name -> dtype/shape/data_offsets, then the raw little-endian data), independent of the reader
 * under test. Tensors are float32.
 */
public final class SafetensorsWriter {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> data = new LinkedHashMap<>();

    public SafetensorsWriter put(String name, long[] shape, float[] values) {
        shapes.put(name, shape);
        data.put(name, values);
        return this;
    }

    public void write(Path file) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = data.get(e.getKey()).length * 4L;
            header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":[");
            long[] s = e.getValue();
            for (int i = 0; i < s.length; i++) {
                header.append(i == 0 ? "" : ",").append(s[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            out.write(h);
            for (float[] values : data.values()) {
                ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(values);
                out.write(b.array());
            }
        }
    }
}
