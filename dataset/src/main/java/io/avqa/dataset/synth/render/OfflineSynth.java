package io.avqa.dataset.synth.render;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Calls {@code com.sun.media.sound.AudioSynthesizer.openStream}, the JDK synthesiser's offline mode
 * (render into a stream instead of a sound card). The interface lives in a package that
 * {@code java.desktop} does not export, so it is reached by reflection: javac with {@code --release}
 * refuses {@code --add-exports}, while the JVM flag
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} makes the call legal at run time.
 */
final class OfflineSynth {
    private static final String INTERFACE = "com.sun.media.sound.AudioSynthesizer";

    private OfflineSynth() {
    }

    static AudioInputStream openStream(Synthesizer synth, AudioFormat format, Map<String, Object> info)
            throws IOException {
        try {
            Class<?> api = Class.forName(INTERFACE);
            if (!api.isInstance(synth)) {
                throw new IOException("the JVM's MIDI synthesiser " + synth.getClass().getName()
                        + " cannot render offline (not an " + INTERFACE + ")");
            }
            Method open = api.getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synth, format, info);
        } catch (IllegalAccessException | java.lang.reflect.InaccessibleObjectException e) {
            throw new IOException("offline MIDI rendering needs the JVM flag "
                    + "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot open the offline synthesiser: " + e.getCause(), e.getCause());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IOException("this JDK has no offline MIDI synthesiser (" + INTERFACE + ")", e);
        }
    }
}
