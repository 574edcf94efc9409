package io.avqa.dataset.synth.scene;

import java.util.Arrays;

/**
 * One instrument of a scene: seen, heard, or both.
 *
 * @param id        index within the scene (label files refer to sources by it)
 * @param category  MUSIC-AVQA category name
 * @param visible   drawn in the frame; {@code false} for a sound from off screen
 * @param box       nominal box in frame pixels (before camera jitter and vibration); null when not visible
 * @param loudness  0 (quiet), 1, 2 (loud): the stem is normalised to a fixed RMS per level, so the
 *                  level decides "louder" questions exactly
 * @param rhythm    0 (sustained notes), 1, 2 (fast short notes): note onsets per active second grow with it
 * @param pitch     lowest MIDI note of the source's phrases; -1 for unpitched percussion
 * @param active    {@code active[n]} is true when the source sounds during second n
 * @param look      per-clip visual variation of the pictogram
 */
public record Source(int id, String category, boolean visible, Box box, int loudness, int rhythm, int pitch,
        boolean[] active, PictogramLook look) {

    public Source {
        active = active.clone();
    }

    @Override
    public boolean[] active() {
        return active.clone();
    }

    public boolean activeAt(int second) {
        return second >= 0 && second < active.length && active[second];
    }

    /** Sounds in at least one second. */
    public boolean sounding() {
        return onset() >= 0;
    }

    /** First active second, -1 when silent. */
    public int onset() {
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                return i;
            }
        }
        return -1;
    }

    public int activeSeconds() {
        int n = 0;
        for (boolean a : active) {
            n += a ? 1 : 0;
        }
        return n;
    }

    /** Band of the frame holding the box centre; null when not visible. */
    public Position position(int frameWidth) {
        return visible ? Position.ofCentre(box.centreX(), frameWidth) : null;
    }

    public boolean pitched() {
        return pitch >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source s && id == s.id && category.equals(s.category) && visible == s.visible
                && java.util.Objects.equals(box, s.box) && loudness == s.loudness && rhythm == s.rhythm
                && pitch == s.pitch && Arrays.equals(active, s.active) && look.equals(s.look);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(id, category, visible, box, loudness, rhythm, pitch, look)
                + Arrays.hashCode(active);
    }
}
