package io.avqa.dataset.synth.render;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.avqa.dataset.synth.scene.Source;
import io.avqa.dataset.synth.scene.Voice;

/**
 * The notes one source plays: only inside its active seconds, denser with its rhythm level (level 0: one
 * long note a second, level 1: two notes a second, level 2: four short notes a second; every active second
 * starts with a note, so plucked and struck instruments sound in each of them), melodies
 * on a pentatonic scale above the source's base pitch, drum patterns on the kit notes for percussion.
 *
 * @param note     MIDI note number
 * @param startUs  note-on time in microseconds from the clip start
 * @param endUs    note-off time in microseconds
 */
record Phrase(int note, long startUs, long endUs) {
    private static final int[] PENTATONIC = {0, 2, 4, 7, 9, 12, 14};

    static List<Phrase> of(Source s, Voice voice, long clipSeed) {
        SplittableRandom rnd = new SplittableRandom(clipSeed * 31 + s.id());
        boolean[] active = s.active();
        List<Phrase> notes = new ArrayList<>();
        int degree = rnd.nextInt(PENTATONIC.length);
        for (int sec = 0; sec < active.length; sec++) {
            if (!active[sec]) {
                continue;
            }
            int perSecond = switch (s.rhythm()) {
                case 0 -> 1;
                case 1 -> 2;
                default -> 4;
            };
            long step = 1_000_000L / perSecond;
            for (int k = 0; k < perSecond; k++) {
                long start = sec * 1_000_000L + k * step;
                // level 2 plays short detached notes; levels 0 and 1 fill their step (legato)
                long length = s.rhythm() == 2 ? step / 2 : step - 40_000;
                int note;
                if (voice.percussion()) {
                    List<Integer> kit = voice.drumNotes();
                    note = k == 0 ? kit.get(0) : kit.get(1 + rnd.nextInt(kit.size() - 1));
                } else {
                    degree = Math.floorMod(degree + rnd.nextInt(5) - 2, PENTATONIC.length);
                    note = s.pitch() + PENTATONIC[degree];
                }
                notes.add(new Phrase(note, start, start + length));
            }
        }
        return notes;
    }
}
