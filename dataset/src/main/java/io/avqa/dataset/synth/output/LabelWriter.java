package io.avqa.dataset.synth.output;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.synth.SynthConfig;
import io.avqa.dataset.synth.render.SceneMotion;
import io.avqa.dataset.synth.scene.Box;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * Writes {@code labels/<video_id>.json}, the ground truth of one clip:
 * <ul>
 * <li>clip facts: seconds, fps, frame size, sample rate, {@code setting} (indoor/outdoor);</li>
 * <li>{@code sources}: every instrument with {@code category}, {@code visible}, {@code position}
 *     (left/middle/right or null off screen), nominal {@code box} [x,y,w,h], {@code loudness} and
 *     {@code rhythm} levels (0-2), {@code pitch} (lowest MIDI note, -1 for drums), {@code onset} (first
 *     sounding second, -1 if silent) and {@code active} (0/1 per second);</li>
 * <li>{@code segments}: per second n, the frame index of its first frame ({@code n * fps}), the ids and
 *     categories sounding during it, and each visible instrument's box in that first frame;</li>
 * <li>{@code visible_categories} / {@code heard_categories}: 22 zeros and ones in
 *     {@link Categories#ALL} order, the per-modality source labels SaSR-Net trains on.</li>
 * </ul>
 */
public final class LabelWriter {
    private LabelWriter() {
    }

    public static ObjectNode labels(Scene scene, SynthConfig config) {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("video_id", scene.videoId());
        root.put("generator", SynthConfig.GENERATOR_VERSION);
        root.put("seconds", scene.seconds());
        root.put("fps", config.fps());
        root.put("width", scene.width());
        root.put("height", scene.height());
        root.put("sample_rate", config.sampleRate());
        root.put("setting", scene.setting().word());
        ArrayNode sources = root.putArray("sources");
        for (Source s : scene.sources()) {
            ObjectNode o = sources.addObject();
            o.put("id", s.id());
            o.put("category", s.category());
            o.put("visible", s.visible());
            if (s.visible()) {
                o.put("position", scene.positionOf(s).word());
                box(o.putArray("box"), s.box());
            } else {
                o.putNull("position");
                o.putNull("box");
            }
            o.put("loudness", s.loudness());
            o.put("rhythm", s.rhythm());
            o.put("pitch", s.pitch());
            o.put("onset", s.onset());
            ArrayNode active = o.putArray("active");
            for (boolean a : s.active()) {
                active.add(a ? 1 : 0);
            }
        }
        SceneMotion motion = new SceneMotion(scene, config.fps());
        ArrayNode segments = root.putArray("segments");
        for (int n = 0; n < scene.seconds(); n++) {
            ObjectNode seg = segments.addObject();
            seg.put("second", n);
            int frame = n * config.fps();
            seg.put("frame", frame);
            ArrayNode ids = seg.putArray("sounding");
            ArrayNode cats = seg.putArray("sounding_categories");
            for (Source s : scene.sources()) {
                if (s.activeAt(n)) {
                    ids.add(s.id());
                    cats.add(s.category());
                }
            }
            ArrayNode boxes = seg.putArray("boxes");
            for (Source s : scene.visible()) {
                ObjectNode b = boxes.addObject();
                b.put("id", s.id());
                box(b.putArray("box"), motion.boxAt(s, frame));
            }
        }
        ArrayNode visible = root.putArray("visible_categories");
        ArrayNode heard = root.putArray("heard_categories");
        for (String c : Categories.ALL) {
            visible.add(scene.visible().stream().anyMatch(s -> s.category().equals(c)) ? 1 : 0);
            heard.add(scene.heard().stream().anyMatch(s -> s.category().equals(c)) ? 1 : 0);
        }
        return root;
    }

    public static void write(Path file, Scene scene, SynthConfig config) throws IOException {
        JsonFiles.write(file, labels(scene, config));
    }

    private static void box(ArrayNode a, Box b) {
        a.add(b.x()).add(b.y()).add(b.w()).add(b.h());
    }
}
