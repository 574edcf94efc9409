package io.avqa.dataset.synth;

import java.nio.file.Path;

/**
 * Everything that decides a synthetic dataset. Two runs with equal configs (threads aside) write
 * byte-identical JSON and identical audio samples.
 *
 * @param clips            number of clips
 * @param seed             master seed
 * @param clipSeconds      clip length S in seconds (segments per clip)
 * @param width            frame width in pixels
 * @param height           frame height in pixels
 * @param fps              video frame rate; a whole number so that every second starts on a frame
 * @param sampleRate       audio sample rate in Hz (mono)
 * @param questionsPerClip at most this many questions per clip (one per template at most)
 * @param soundfont        SF2/DLS file for the MIDI synthesiser; null for the JDK's default sound bank
 * @param threads          clips rendered in parallel (does not change the output)
 */
public record SynthConfig(int clips, long seed, int clipSeconds, int width, int height, int fps, int sampleRate,
        int questionsPerClip, Path soundfont, int threads) {

    /** Generator version written to meta.json; bump when the output for a given config changes. */
    public static final String GENERATOR_VERSION = "synth-concerts-1";

    public SynthConfig {
        require(clips >= 1, "clips must be at least 1, got " + clips);
        require(clipSeconds >= 4 && clipSeconds <= 600, "clip seconds must be 4..600, got " + clipSeconds);
        require(width >= 64 && height >= 64 && width % 2 == 0 && height % 2 == 0,
                "frame size must be even and at least 64x64, got " + width + "x" + height);
        require(fps >= 1 && fps <= 60, "fps must be 1..60, got " + fps);
        require(sampleRate >= 8000, "sample rate must be at least 8000 Hz, got " + sampleRate);
        require(questionsPerClip >= 1, "questions per clip must be at least 1, got " + questionsPerClip);
        require(threads >= 1, "threads must be at least 1, got " + threads);
    }

    /** The benchmark defaults: 448x252 at 8 fps, 16 kHz, 10 s clips, up to 12 questions per clip. */
    public static SynthConfig defaults(int clips, long seed) {
        return new SynthConfig(clips, seed, 10, 448, 252, 8, 16000, 12, null,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public SynthConfig withClipSeconds(int s) {
        return new SynthConfig(clips, seed, s, width, height, fps, sampleRate, questionsPerClip, soundfont, threads);
    }

    public SynthConfig withSoundfont(Path sf) {
        return new SynthConfig(clips, seed, clipSeconds, width, height, fps, sampleRate, questionsPerClip, sf, threads);
    }

    public SynthConfig withThreads(int n) {
        return new SynthConfig(clips, seed, clipSeconds, width, height, fps, sampleRate, questionsPerClip, soundfont, n);
    }

    public SynthConfig withQuestionsPerClip(int q) {
        return new SynthConfig(clips, seed, clipSeconds, width, height, fps, sampleRate, q, soundfont, threads);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
