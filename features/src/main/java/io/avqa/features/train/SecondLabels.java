package io.avqa.features.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.dataset.musicavqa.Categories;

/**
 * The ground truth of one second of a synthetic clip ({@code labels/<id>.json}), as backbone training and the
 * probes use it: the instruments on screen with their boxes (frame pixels) and whether each sounds, and per
 * category whether it is heard and how loud (0..2, the generator's levels).
 *
 * @param frameWidth  width of the frame the boxes are measured in
 * @param frameHeight height of that frame
 * @param boxes       on-screen instruments in drawing order (a later box is drawn over an earlier one)
 * @param heard       22 values in {@link Categories#ALL} order: 1 where the category sounds this second
 * @param loudness    22 values: the loudest sounding instance's level / 2 (0, 0.5, 1), 0 where silent
 */
public record SecondLabels(int frameWidth, int frameHeight, List<Box> boxes, float[] heard, float[] loudness) {
    /** Class index of a map cell that no instrument covers. */
    public static final int BACKGROUND = Categories.ALL.size();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One on-screen instrument: category index, sounding this second, box in frame pixels. */
    public record Box(int category, boolean sounding, int x, int y, int w, int h) {
        boolean covers(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    /** Every second of one clip's label file, in order. */
    public static List<SecondLabels> read(Path labelsJson) throws IOException {
        JsonNode root = JSON.readTree(labelsJson.toFile());
        int width = root.path("width").asInt();
        int height = root.path("height").asInt();
        if (width <= 0 || height <= 0) {
            throw new IOException(labelsJson + ": no frame width/height");
        }
        Map<Integer, JsonNode> sources = new HashMap<>();
        for (JsonNode s : root.path("sources")) {
            sources.put(s.path("id").asInt(), s);
        }
        List<SecondLabels> out = new ArrayList<>();
        for (JsonNode second : root.path("segments")) {
            List<Integer> sounding = new ArrayList<>();
            second.path("sounding").forEach(n -> sounding.add(n.asInt()));
            float[] heard = new float[Categories.ALL.size()];
            float[] loud = new float[Categories.ALL.size()];
            for (int id : sounding) {
                JsonNode s = sources.get(id);
                int c = category(s, labelsJson);
                heard[c] = 1;
                loud[c] = Math.max(loud[c], s.path("loudness").asInt() / 2f);
            }
            List<Box> boxes = new ArrayList<>();
            for (JsonNode b : second.path("boxes")) {
                int id = b.path("id").asInt();
                JsonNode xywh = b.path("box");
                boxes.add(new Box(category(sources.get(id), labelsJson), sounding.contains(id), xywh.get(0).asInt(),
                        xywh.get(1).asInt(), xywh.get(2).asInt(), xywh.get(3).asInt()));
            }
            out.add(new SecondLabels(width, height, List.copyOf(boxes), heard, loud));
        }
        return out;
    }

    private static int category(JsonNode source, Path file) throws IOException {
        if (source == null) {
            throw new IOException(file + ": a segment names a source that is not listed");
        }
        int c = Categories.indexOf(source.path("category").asText());
        if (c < 0) {
            throw new IOException(file + ": unknown category " + source.path("category").asText());
        }
        return c;
    }

    /** 22 values: 1 where an instrument of the category is on screen. */
    public float[] visible() {
        float[] v = new float[Categories.ALL.size()];
        boxes.forEach(b -> v[b.category()] = 1);
        return v;
    }

    /**
     * The instrument whose box covers the centre of each cell of a {@code grid x grid} map laid over the whole
     * frame (the frame is resized to a square without cropping), row-major; {@link #BACKGROUND} where none does.
     * The box drawn last wins where boxes overlap.
     */
    public Box[] cellOwners(int grid) {
        Box[] owners = new Box[grid * grid];
        for (int r = 0; r < grid; r++) {
            double py = (r + 0.5) * frameHeight / grid;
            for (int c = 0; c < grid; c++) {
                double px = (c + 0.5) * frameWidth / grid;
                for (Box b : boxes) {
                    if (b.covers(px, py)) {
                        owners[r * grid + c] = b;
                    }
                }
            }
        }
        return owners;
    }

    /** Class of each cell of a {@code grid x grid} map: a category index or {@link #BACKGROUND}. */
    public int[] cellClasses(int grid) {
        Box[] owners = cellOwners(grid);
        int[] classes = new int[owners.length];
        for (int i = 0; i < owners.length; i++) {
            classes[i] = owners[i] == null ? BACKGROUND : owners[i].category();
        }
        return classes;
    }

    @Override
    public float[] heard() {
        return heard.clone();
    }

    @Override
    public float[] loudness() {
        return loudness.clone();
    }

    @Override
    public String toString() {
        return "SecondLabels" + boxes + " heard " + Arrays.toString(heard);
    }
}
