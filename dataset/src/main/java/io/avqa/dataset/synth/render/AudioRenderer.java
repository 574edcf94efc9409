package io.avqa.dataset.synth.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;
import io.avqa.dataset.synth.scene.Voice;

/**
 * Renders a scene's soundtrack offline with the JDK's software synthesiser (Gervill, through
 * {@code AudioSynthesizer.openStream}; no sound card). Each source is rendered as its own stem, gated to
 * its active seconds (so labels are exact to the second), and scaled to a fixed RMS per loudness level
 * (so "louder" is a fact, not a guess about instrument timbres); the stems are summed with a little
 * background noise and the mix is scaled down only if it would clip. Needs the JVM flag
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}. One renderer per thread.
 */
public final class AudioRenderer {
    /** Stem RMS per loudness level, as a fraction of full scale (about 7 dB apart; headroom for drum peaks). */
    static final double[] LEVEL_RMS = {0.025, 0.055, 0.12};
    private static final double NOISE_RMS = 0.004;
    private static final int FADE_SAMPLES = 160;

    private final int sampleRate;
    private final Soundbank soundbank;

    /** @param soundfont an SF2 or DLS file, or null for the JDK's built-in sound bank */
    public AudioRenderer(int sampleRate, Path soundfont) throws IOException {
        this.sampleRate = sampleRate;
        try {
            this.soundbank = soundfont == null ? null : MidiSystem.getSoundbank(soundfont.toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException("cannot read sound font " + soundfont + ": " + e.getMessage(), e);
        }
    }

    /** The clip's mono soundtrack, {@code seconds * sampleRate} samples in [-1, 1]. */
    public float[] render(Scene scene) throws IOException {
        int n = scene.seconds() * sampleRate;
        float[] mix = new float[n];
        for (Source s : scene.sources()) {
            if (s.sounding()) {
                float[] stem = stem(scene, s, n);
                for (int i = 0; i < n; i++) {
                    mix[i] += stem[i];
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(scene.seed() ^ 0xA0D10L);
        double peak = 0;
        for (int i = 0; i < n; i++) {
            mix[i] += (float) (rnd.nextGaussian() * NOISE_RMS);
            peak = Math.max(peak, Math.abs(mix[i]));
        }
        if (peak > 0.97) {
            float k = (float) (0.97 / peak);
            for (int i = 0; i < n; i++) {
                mix[i] *= k;
            }
        }
        return mix;
    }

    /** As 16-bit PCM, the form written to the mp4 and compared by determinism tests. */
    public static short[] toPcm16(float[] samples) {
        short[] pcm = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = (short) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
        }
        return pcm;
    }

    private float[] stem(Scene scene, Source s, int n) throws IOException {
        float[] raw = synthesise(Phrase.of(s, Voice.of(s.category()), scene.seed()), Voice.of(s.category()), n);
        boolean[] active = s.active();
        double energy = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int sec = i / sampleRate;
            int intoSec = i % sampleRate;
            float gate;
            if (!active[sec]) {
                gate = 0;
            } else {
                boolean prev = sec > 0 && active[sec - 1];
                boolean next = sec + 1 < active.length && active[sec + 1];
                gate = 1;
                if (!prev && intoSec < FADE_SAMPLES) {
                    gate = intoSec / (float) FADE_SAMPLES;
                }
                if (!next && sampleRate - intoSec <= FADE_SAMPLES) {
                    gate = Math.min(gate, (sampleRate - intoSec - 1) / (float) FADE_SAMPLES);
                }
                energy += raw[i] * (double) raw[i];
                count++;
            }
            raw[i] *= gate;
        }
        double rms = count == 0 ? 0 : Math.sqrt(energy / count);
        if (rms < 1e-6) {
            throw new IOException("instrument " + s.category() + " rendered silent in " + scene.videoId()
                    + " (sound bank lacks its program?)");
        }
        float k = (float) (LEVEL_RMS[s.loudness()] / rms);
        for (int i = 0; i < n; i++) {
            raw[i] *= k;
        }
        return raw;
    }

    /** Raw synthesiser output for {@code notes}, {@code n} samples, not gated or normalised. */
    float[] synthesise(List<Phrase> notes, Voice voice, int n) throws IOException {
        Synthesizer synth;
        try {
            synth = MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IOException("no MIDI synthesiser in this JVM: " + e.getMessage(), e);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        Map<String, Object> info = new HashMap<>();
        info.put("reverb", false);
        info.put("chorus", false);
        info.put("interpolation", "linear");
        try (AudioInputStream in = OfflineSynth.openStream(synth, format, info)) {
            if (soundbank != null) {
                synth.unloadAllInstruments(synth.getDefaultSoundbank());
                synth.loadAllInstruments(soundbank);
            }
            Receiver r = synth.getReceiver();
            int channel = voice.percussion() ? 9 : 0;
            if (!voice.percussion()) {
                r.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, voice.program(), 0), 0);
            }
            for (Phrase p : notes) {
                r.send(new ShortMessage(ShortMessage.NOTE_ON, channel, p.note(), 100), p.startUs());
                r.send(new ShortMessage(ShortMessage.NOTE_OFF, channel, p.note(), 0), p.endUs());
            }
            byte[] bytes = in.readNBytes(n * 2);
            float[] out = new float[n];
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < bytes.length / 2; i++) {
                out[i] = buf.getShort() / 32768f;
            }
            return out;
        } catch (MidiUnavailableException | InvalidMidiDataException e) {
            throw new IOException("MIDI rendering failed: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
    }
}
