package io.avqa.features.visual;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import javax.imageio.ImageIO;

/**
 * A segment's JPEG frame to ResNet-18's input: decoded, resized to 224x224 without cropping (bilinear;
 * ingest usually sends 224x224 already), RGB scaled to [0, 1] and normalised with the per-channel mean and
 * standard deviation MUSIC-AVQA's extractor used, laid out CHW.
 */
public final class FramePreprocessor {
    public static final int SIZE = 224;
    public static final int VALUES = 3 * SIZE * SIZE;
    static final float[] MEAN = {0.43216f, 0.394666f, 0.37645f};
    static final float[] STD = {0.22803f, 0.22145f, 0.216989f};
    /**
     * Per channel, the normalised value of each byte 0..255, computed as the pixel loop did: a lookup instead of
     * two float divisions per value (those divisions were most of a frame's 1 ms).
     */
    private static final float[][] NORMALISED = new float[3][256];

    static {
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                NORMALISED[c][v] = (v / 255f - MEAN[c]) / STD[c];
            }
        }
    }

    private FramePreprocessor() {
    }

    /**
     * @param jpeg     the encoded frame
     * @param into     receives {@link #VALUES} floats, CHW
     * @param offset   where in {@code into} to start
     * @throws IOException with a reason a user can act on when the bytes are not a decodable image
     */
    public static void normalise(ByteBuffer jpeg, float[] into, int offset) throws IOException {
        BufferedImage image = decode(jpeg);
        // ImageIO's usual result for a 224x224 JPEG is read as it is; anything else is redrawn into that layout
        byte[] bgr = image.getWidth() == SIZE && image.getHeight() == SIZE ? packedBgr(image) : null;
        if (bgr == null) {
            bgr = packedBgr(resize(image));
        }
        int plane = SIZE * SIZE;
        float[] red = NORMALISED[0];
        float[] green = NORMALISED[1];
        float[] blue = NORMALISED[2];
        for (int i = 0; i < plane; i++) {
            into[offset + i] = red[bgr[3 * i + 2] & 0xff];
            into[offset + plane + i] = green[bgr[3 * i + 1] & 0xff];
            into[offset + 2 * plane + i] = blue[bgr[3 * i] & 0xff];
        }
    }

    /** The pixels as B, G, R bytes, row after row with no padding, when the image is stored exactly so; else null. */
    private static byte[] packedBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
                || !(image.getRaster().getDataBuffer() instanceof DataBufferByte data)
                || !(image.getSampleModel() instanceof PixelInterleavedSampleModel layout)
                || layout.getPixelStride() != 3 || layout.getScanlineStride() != 3 * image.getWidth()
                || image.getRaster().getSampleModelTranslateX() != 0 || image.getRaster().getSampleModelTranslateY() != 0
                || data.getNumBanks() != 1 || data.getOffset() != 0
                || data.getSize() != 3 * image.getWidth() * image.getHeight()) {
            return null;
        }
        int[] bands = layout.getBandOffsets();
        return bands[0] == 2 && bands[1] == 1 && bands[2] == 0 ? data.getData() : null;
    }

    private static BufferedImage decode(ByteBuffer jpeg) throws IOException {
        ByteBuffer dup = jpeg.duplicate();
        byte[] bytes = new byte[dup.remaining()];
        dup.get(bytes);
        if (bytes.length == 0) {
            throw new IOException("frame is empty (0 bytes)");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException("frame (" + bytes.length + " bytes) does not decode as an image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("frame (" + bytes.length + " bytes) is not a JPEG or other readable image");
        }
        return image;
    }

    private static BufferedImage resize(BufferedImage source) {
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
