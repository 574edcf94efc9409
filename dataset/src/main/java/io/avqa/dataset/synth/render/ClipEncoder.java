package io.avqa.dataset.synth.render;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import io.avqa.dataset.synth.scene.Scene;

/**
 * Encodes a clip to mp4 with JavaCV: H.264 video (the bundled FFmpeg's encoder, OpenH264) with a key
 * frame every second, and AAC mono audio. Video and audio are interleaved one second at a time. The file
 * is written under a temporary name and moved into place when complete.
 */
public final class ClipEncoder {
    private static final int VIDEO_BITRATE = 250_000;
    private static final int AUDIO_BITRATE = 48_000;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private ClipEncoder() {
    }

    public static void write(Path mp4, Scene scene, FrameRenderer frames, short[] pcm, int fps, int sampleRate)
            throws IOException {
        Path tmp = mp4.resolveSibling(mp4.getFileName() + ".part");
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), scene.width(), scene.height(), 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(fps);
            rec.setVideoBitrate(VIDEO_BITRATE);
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(sampleRate);
            rec.setAudioChannels(1);
            rec.setAudioBitrate(AUDIO_BITRATE);
            rec.setAudioOption("aac_coder", "fast"); // the default two-loop search costs more than the video
            rec.setMetadata("comment", "avqa-live synthetic concert " + scene.videoId());
            rec.start();
            for (int sec = 0; sec < scene.seconds(); sec++) {
                for (int f = sec * fps; f < (sec + 1) * fps; f++) {
                    Frame frame = converter.convert(frames.frame(f));
                    rec.record(frame);
                }
                rec.recordSamples(sampleRate, 1, ShortBuffer.wrap(pcm, sec * sampleRate, sampleRate));
            }
            rec.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot encode " + mp4 + ": " + e.getMessage(), e);
        }
        Files.move(tmp, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
