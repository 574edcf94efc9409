package io.avqa.dataset.synth.scene;

import java.util.List;

/**
 * Everything the generator decides about one clip before drawing or rendering it. Labels, questions,
 * frames and audio are all functions of the scene, so a scene is the unit of determinism.
 *
 * @param videoId     clip id (file stem)
 * @param seed        seed of the clip's own random streams (noise, jitter, audio noise)
 * @param seconds     clip length S; second n is segment n
 * @param width       frame width in pixels
 * @param height      frame height in pixels
 * @param setting     indoor or outdoor
 * @param look        camera and background variation
 * @param sources     instruments, visible ones sorted left to right, then off-screen ones
 */
public record Scene(String videoId, long seed, int seconds, int width, int height, Setting setting, Look look,
        List<Source> sources) {

    public Scene {
        sources = List.copyOf(sources);
    }

    public List<Source> visible() {
        return sources.stream().filter(Source::visible).toList();
    }

    /** Sources heard at some time, visible or not. */
    public List<Source> heard() {
        return sources.stream().filter(Source::sounding).toList();
    }

    public Position positionOf(Source s) {
        return s.position(width);
    }
}
