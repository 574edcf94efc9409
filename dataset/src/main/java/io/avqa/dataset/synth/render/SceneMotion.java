package io.avqa.dataset.synth.render;

import java.util.SplittableRandom;

import io.avqa.dataset.synth.scene.Box;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * Where things are in each frame: slow camera shake for the whole picture, and a small vibration of each
 * instrument while it sounds (a silent one stays still). Frame renderer and label writer both use it, so
 * the boxes in the labels are exactly where the pictograms are drawn.
 */
public final class SceneMotion {
    private final Scene scene;
    private final int fps;
    private final double phaseX;
    private final double phaseY;

    public SceneMotion(Scene scene, int fps) {
        this.scene = scene;
        this.fps = fps;
        SplittableRandom rnd = new SplittableRandom(scene.seed() ^ 0x5EED_CA3EL);
        this.phaseX = rnd.nextDouble() * 2 * Math.PI;
        this.phaseY = rnd.nextDouble() * 2 * Math.PI;
    }

    /** The second a frame belongs to (frame {@code n * fps} is the first frame of segment n). */
    public int secondOf(int frame) {
        return frame / fps;
    }

    public int frames() {
        return scene.seconds() * fps;
    }

    /** Camera offset (dx, dy) in pixels of a frame. */
    public int[] camera(int frame) {
        double t = frame / (double) fps;
        double a = scene.look().jitterPx();
        return new int[] {(int) Math.round(a * Math.sin(2 * Math.PI * 0.31 * t + phaseX)),
            (int) Math.round(a * Math.sin(2 * Math.PI * 0.23 * t + phaseY))};
    }

    public boolean soundingAt(Source s, int frame) {
        return s.activeAt(secondOf(frame));
    }

    /** Vibration offset (dx, dy) of a source in a frame: zero while silent. */
    public int[] vibration(Source s, int frame) {
        if (!soundingAt(s, frame)) {
            return new int[] {0, 0};
        }
        double phase = s.look().phase() + frame * (1.7 + 0.6 * s.rhythm());
        double amp = 1.5 + s.rhythm();
        return new int[] {(int) Math.round(amp * Math.sin(phase)), (int) Math.round(0.6 * amp * Math.cos(phase * 1.3))};
    }

    /** The box of a visible source as drawn in a frame (camera shake plus vibration). */
    public Box boxAt(Source s, int frame) {
        int[] c = camera(frame);
        int[] v = vibration(s, frame);
        return s.box().shifted(c[0] + v[0], c[1] + v[1]);
    }
}
