package io.avqa.dataset.synth;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** A clip decoded with FFmpeg the way ingest reads it: video frame timestamps and 16 kHz mono PCM. */
record DecodedClip(List<Long> frameTimestampsUs, short[] audio, String videoCodec, String audioCodec, int width,
        int height) {

    static DecodedClip read(Path mp4) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        List<Long> ts = new ArrayList<>();
        short[] pcm = new short[16000];
        int n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            g.setSampleRate(16000);
            g.setAudioChannels(1);
            g.start();
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    ts.add(f.timestamp);
                }
                if (f.samples != null) {
                    ShortBuffer b = (ShortBuffer) f.samples[0];
                    int k = b.remaining();
                    if (n + k > pcm.length) {
                        pcm = Arrays.copyOf(pcm, Math.max(2 * pcm.length, n + k));
                    }
                    b.get(pcm, n, k);
                    n += k;
                }
            }
            DecodedClip c = new DecodedClip(ts, Arrays.copyOf(pcm, n), g.getVideoCodecName(), g.getAudioCodecName(),
                    g.getImageWidth(), g.getImageHeight());
            g.stop();
            return c;
        }
    }

    /** RMS of second {@code n} of the decoded audio, as a fraction of full scale. */
    double rms(int n) {
        double e = 0;
        for (int i = n * 16000; i < (n + 1) * 16000; i++) {
            e += audio[i] * (double) audio[i];
        }
        return Math.sqrt(e / 16000) / 32768.0;
    }
}
