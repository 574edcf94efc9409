package io.avqa.features.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;

/** Segments made by tests: a drawn 224x224 JPEG and a 16 kHz tone, as ingest would send them. */
public final class TestMedia {
    private TestMedia() {
    }

    /** 16000 PCM16 little-endian samples of a sine at {@code hz} with peak {@code amplitude} (0..1). */
    public static ByteBuffer tone(double hz, double amplitude) {
        ByteBuffer b = ByteBuffer.allocate(32000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16000; i++) {
            b.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / 16000.0)));
        }
        return b.flip();
    }

    /** A JPEG with a coloured rectangle at a position that depends on {@code variant}. */
    public static ByteBuffer jpeg(int variant, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30 + variant * 17 % 200, 60, 90));
        g.fillRect(0, 0, size, size);
        g.setColor(Color.getHSBColor(variant * 0.13f, 0.8f, 0.9f));
        int x = (variant * 37) % (size / 2);
        g.fillRect(x, size / 4, size / 3, size / 2);
        g.dispose();
        return jpeg(image);
    }

    /** {@code image} encoded as JPEG, as ingest sends frames. */
    public static ByteBuffer jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return ByteBuffer.wrap(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Segment segment(String streamId, long seq, boolean live) {
        return Segment.newBuilder()
                .setStreamId(streamId)
                .setSeq(seq)
                .setStartMs(1_700_000_000_000L + seq * 1000)
                .setFrame(jpeg((int) seq, 224))
                .setFrameWidth(224)
                .setFrameHeight(224)
                .setAudio(tone(220.0 * (1 + seq % 5), 0.3))
                .setAudioMissing(false)
                .setIngestMs(System.currentTimeMillis())
                .setSourceKind(SourceKind.values()[0])
                .setLive(live)
                .build();
    }
}
