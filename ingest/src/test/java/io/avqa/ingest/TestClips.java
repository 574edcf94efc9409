package io.avqa.ingest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes test clips with JavaCV: H.264 video whose frames carry their own index as 8 black/white blocks,
 * AAC audio that is silent until {@code toneStartSeconds} and a 1 kHz tone after it.
 */
public final class TestClips {
    public static final int FPS = 10;
    public static final int BITS = 8;

    private TestClips() {
    }

    public static void write(Path file, int seconds, double toneStartSeconds) throws Exception {
        int width = 320;
        int height = 180;
        int sampleRate = 16_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            recorder.setVideoBitrate(800_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioBitrate(64_000);
            recorder.start();
            int samplesPerFrame = sampleRate / FPS;
            for (int i = 0; i < seconds * FPS; i++) {
                recorder.record(converter.convert(counterFrame(i, width, height)), avutil.AV_PIX_FMT_BGR24);
                short[] pcm = new short[samplesPerFrame];
                for (int s = 0; s < samplesPerFrame; s++) {
                    long n = (long) i * samplesPerFrame + s;
                    double t = n / (double) sampleRate;
                    pcm[s] = t >= toneStartSeconds ? (short) (8000 * Math.sin(2 * Math.PI * 1000 * t)) : 0;
                }
                recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(pcm));
            }
            recorder.stop();
        }
    }

    static BufferedImage counterFrame(int index, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        int block = width / BITS;
        for (int b = 0; b < BITS; b++) {
            g.setColor(((index >> (BITS - 1 - b)) & 1) == 1 ? Color.WHITE : Color.BLACK);
            g.fillRect(b * block, 0, block, height / 2);
        }
        g.dispose();
        return image;
    }

    /** Reads back the index drawn by {@link #counterFrame} from a (resized, JPEG-compressed) frame. */
    public static int readCounter(BufferedImage image) {
        int value = 0;
        for (int b = 0; b < BITS; b++) {
            int x = (int) ((b + 0.5) * image.getWidth() / BITS);
            int y = image.getHeight() / 4;
            int rgb = image.getRGB(x, y);
            int luma = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
            value = (value << 1) | (luma > 3 * 128 ? 1 : 0);
        }
        return value;
    }

    /** RMS of the samples, in PCM16 units. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
