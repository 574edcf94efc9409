package io.avqa.dataset.musicavqa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyArrayTest {
    @TempDir
    Path dir;

    @Test
    void float32RoundTripIsExact() throws IOException {
        float[] data = new float[2 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * 1e3f;
        }
        NpyArray a = new NpyArray(new long[] {2, 3}, data);
        Path f = dir.resolve("a.npy");
        a.write(f, false);
        assertEquals(a, NpyArray.read(f));
        assertEquals(128 + 6 * 4, Files.size(f), "header padded to 64 bytes so data starts aligned");
    }

    @Test
    void float16RoundTripKeepsElevenSignificantBits() throws IOException {
        float[] data = {0f, -0f, 1f, -2.5f, 65504f, 1e-7f, 3.14159f, 1e6f, Float.NaN};
        NpyArray a = new NpyArray(new long[] {data.length}, data);
        Path f = dir.resolve("h.npy");
        a.write(f, true);
        float[] back = NpyArray.read(f).data();
        assertEquals(0f, back[0]);
        assertEquals(1f, back[2]);
        assertEquals(-2.5f, back[3]);
        assertEquals(65504f, back[4]);
        assertEquals(1e-7f, back[5], 6e-8f);
        assertEquals(3.14159f, back[6], 3.14159f / 1024);
        assertEquals(Float.POSITIVE_INFINITY, back[7]);
        assertEquals(true, Float.isNaN(back[8]));
    }

    @Test
    void readsBigEndianDoubleVersionTwoFiles() throws IOException {
        String dict = "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }";
        String header = dict + " ".repeat(64 - (12 + dict.length() + 1) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 32);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(ByteOrder.BIG_ENDIAN).putDouble(1).putDouble(2).putDouble(3).putDouble(4);
        Path f = dir.resolve("d.npy");
        Files.write(f, b.array());
        NpyArray a = NpyArray.read(f);
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.data());
    }

    @Test
    void rejectsDataThatDoesNotMatchTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(new long[] {2, 2}, new float[3]));
    }

    @Test
    void featureLayoutWritesVisualAsFloat16AndRecordsBackbone() throws IOException {
        FeatureLayout layout = FeatureLayout.at(dir);
        assertEquals(java.util.Optional.empty(), layout.backboneId());
        NpyArray audio = new NpyArray(new long[] {3, 128}, new float[3 * 128]);
        float[] v = new float[3 * 512 * 2 * 2];
        v[5] = 0.5f;
        NpyArray visual = new NpyArray(new long[] {3, 512, 2, 2}, v);
        layout.write("clip1", audio, visual);
        layout.writeBackboneId("seeded-v1");
        assertEquals(dir.resolve("feats/vggish/clip1.npy"), layout.audioFile("clip1"));
        assertEquals(128 + 3 * 128 * 4, Files.size(layout.audioFile("clip1")));
        assertEquals(128 + v.length * 2, Files.size(layout.visualFile("clip1")));
        assertEquals(visual, layout.readVisual("clip1"));
        assertEquals(audio, layout.readAudio("clip1"));
        assertEquals("seeded-v1", layout.backboneId().orElseThrow());
    }
}
