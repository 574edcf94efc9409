package io.avqa.dataset.preview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes a video and keeps, for each second n, the first frame whose timestamp is at or after n seconds:
 * the same frame the ingest segmenter gives the feature extractor for segment n.
 */
public final class SegmentFrames {
    private SegmentFrames() {
    }

    public static List<BufferedImage> read(Path video) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        List<BufferedImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                long n = frames.size();
                if (f.timestamp >= n * 1_000_000L - 500) { // timestamps are microseconds, rounded by the container
                    frames.add(deepCopy(converter.convert(f)));
                }
            }
            grabber.stop();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException("cannot decode " + video + ": " + e.getMessage(), e);
        }
        return frames;
    }

    private static BufferedImage deepCopy(BufferedImage src) {
        BufferedImage copy = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(src, 0, 0, null);
        return copy;
    }
}
