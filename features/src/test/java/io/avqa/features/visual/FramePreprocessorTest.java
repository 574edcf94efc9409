package io.avqa.features.visual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Frames to ResNet-18 input: exact values for lossless frames, the same values by either decoding path. */
class FramePreprocessorTest {
    static final int SIZE = FramePreprocessor.SIZE;

    static BufferedImage noise(int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return image;
    }

    static ByteBuffer encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** The normalisation written out from packed RGB ints, CHW. */
    static float[] expected(int[] rgb) {
        float[] out = new float[FramePreprocessor.VALUES];
        int plane = SIZE * SIZE;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                int v = (rgb[i] >> (16 - 8 * c)) & 0xff;
                out[c * plane + i] = (v / 255f - FramePreprocessor.MEAN[c]) / FramePreprocessor.STD[c];
            }
        }
        return out;
    }

    @Test
    void aLosslessFrameGivesEveryPixelsNormalisedValueInChannelPlanes() throws IOException {
        BufferedImage image = noise(SIZE, SIZE, 1);
        ByteBuffer png = encode(image, "png");
        assertEquals(BufferedImage.TYPE_3BYTE_BGR,
                ImageIO.read(new ByteArrayInputStream(png.array())).getType(), "decodes to packed BGR bytes");
        float[] into = new float[FramePreprocessor.VALUES + 5];
        FramePreprocessor.normalise(png, into, 5);
        float[] got = java.util.Arrays.copyOfRange(into, 5, into.length);
        assertArrayEquals(expected(image.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE)), got, 0f);
    }

    @Test
    void aJpegFrameGivesTheValuesOfItsDecodedPixels() throws IOException {
        ByteBuffer jpeg = encode(noise(SIZE, SIZE, 2), "jpg");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.array()));
        // the decoded pixels read through Java2D's own conversion to RGB ints
        int[] rgb = decoded.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        float[] got = new float[FramePreprocessor.VALUES];
        FramePreprocessor.normalise(jpeg, got, 0);
        assertArrayEquals(expected(rgb), got, 0f);
    }

    @Test
    void anotherSizeIsResizedToTheInput() throws IOException {
        float[] got = new float[FramePreprocessor.VALUES];
        FramePreprocessor.normalise(encode(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png"), got, 0);
        // black everywhere: each channel at (0 - mean) / std
        for (int c = 0; c < 3; c++) {
            assertEquals(-FramePreprocessor.MEAN[c] / FramePreprocessor.STD[c], got[c * SIZE * SIZE + 1000], 1e-6f);
        }
        // one colour stays that colour when scaled, channel by channel
        BufferedImage orange = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                orange.setRGB(x, y, 0xC86432);
            }
        }
        FramePreprocessor.normalise(encode(orange, "png"), got, 0);
        int[] rgb = new int[SIZE * SIZE];
        java.util.Arrays.fill(rgb, 0xC86432);
        assertArrayEquals(expected(rgb), got, 0f);
    }

    @Test
    void bytesThatAreNoImageSayWhat() {
        IOException e = assertThrows(IOException.class,
                () -> FramePreprocessor.normalise(ByteBuffer.wrap(new byte[] {1, 2, 3}), new float[3 * SIZE * SIZE], 0));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    }
}
