package io.avqa.dataset.synth;

import java.io.IOException;
import java.nio.file.Path;

import io.avqa.dataset.synth.render.AudioRenderer;
import io.avqa.dataset.synth.render.ClipEncoder;
import io.avqa.dataset.synth.render.FrameRenderer;
import io.avqa.dataset.synth.scene.Scene;

/**
 * Renders one planned clip to {@code videos/<id>.mp4}: soundtrack, frames, encoding. One instance per
 * thread (it owns a MIDI renderer).
 */
public final class ClipRenderer {
    private final SynthConfig config;
    private final AudioRenderer audio;

    public ClipRenderer(SynthConfig config) throws IOException {
        this.config = config;
        this.audio = new AudioRenderer(config.sampleRate(), config.soundfont());
    }

    /** The clip's soundtrack as 16-bit PCM, exactly as written into the mp4. */
    public short[] soundtrack(Scene scene) throws IOException {
        return AudioRenderer.toPcm16(audio.render(scene));
    }

    public void render(Scene scene, Path mp4) throws IOException {
        short[] pcm = soundtrack(scene);
        FrameRenderer frames = new FrameRenderer(scene, config.fps());
        ClipEncoder.write(mp4, scene, frames, pcm, config.fps(), config.sampleRate());
    }
}
