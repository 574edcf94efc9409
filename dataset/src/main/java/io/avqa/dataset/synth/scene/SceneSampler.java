package io.avqa.dataset.synth.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import io.avqa.dataset.musicavqa.Categories;

/**
 * Draws random concert scenes: 1-4 visible instruments (a category may appear twice), sometimes an
 * instrument heard from off screen, some visible instruments silent, each sounding one on its own
 * schedule of whole seconds. The probabilities are chosen so that every question template sees every
 * answer often enough for the answer balancer to keep question-only guessing near chance.
 */
public final class SceneSampler {
    private static final double[] VISIBLE_COUNT_WEIGHTS = {0.2, 0.3, 0.3, 0.2};

    private final int seconds;
    private final int width;
    private final int height;

    public SceneSampler(int seconds, int width, int height) {
        if (seconds < 4 || seconds > 600) {
            throw new IllegalArgumentException("clip length must be 4..600 seconds, got " + seconds);
        }
        this.seconds = seconds;
        this.width = width;
        this.height = height;
    }

    /** A scene drawn from {@code rnd}; the clip's own seed is taken from the same stream. */
    public Scene sample(String videoId, SplittableRandom rnd) {
        long clipSeed = rnd.nextLong();
        Setting setting = rnd.nextBoolean() ? Setting.INDOOR : Setting.OUTDOOR;
        Look look = new Look(rnd.nextLong(), 0.7 + 0.5 * rnd.nextDouble(), 1 + 3 * rnd.nextDouble(),
                3 * rnd.nextDouble());
        int nVisible = 1 + pick(rnd, VISIBLE_COUNT_WEIGHTS);
        List<String> categories = distinctCategories(rnd, nVisible);
        int duplicateOf = -1;
        if (nVisible >= 2 && rnd.nextDouble() < 0.4) {
            duplicateOf = rnd.nextInt(nVisible - 1);
            categories.set(nVisible - 1, categories.get(duplicateOf));
        }
        boolean offScreen = rnd.nextDouble() < 0.3;
        boolean muteStage = offScreen && rnd.nextDouble() < 0.25;

        List<Box> boxes = layout(rnd, categories);
        List<Source> draft = new ArrayList<>();
        for (int i = 0; i < nVisible; i++) {
            boolean silent = muteStage || rnd.nextDouble() < 0.25;
            boolean[] active = silent ? new boolean[seconds] : schedule(rnd);
            if (i == nVisible - 1 && duplicateOf >= 0 && !silent && draft.get(duplicateOf).sounding()
                    && rnd.nextBoolean()) {
                active = draft.get(duplicateOf).active(); // duplicates often play together ("simultaneously")
            }
            draft.add(source(rnd, i, categories.get(i), boxes.get(i), active));
        }
        // sort visible sources left to right so ids read like the picture
        draft.sort(Comparator.comparingDouble(s -> s.box().centreX()));
        List<Source> sources = new ArrayList<>();
        for (Source s : draft) {
            sources.add(withId(s, sources.size()));
        }
        if (offScreen) {
            String category = Categories.ALL.get(rnd.nextInt(Categories.ALL.size()));
            sources.add(source(rnd, sources.size(), category, null, schedule(rnd)));
        }
        return new Scene(videoId, clipSeed, seconds, width, height, setting, look, sources);
    }

    private Source source(SplittableRandom rnd, int id, String category, Box box, boolean[] active) {
        Voice voice = Voice.of(category);
        int pitch = voice.percussion() ? -1 : voice.lowNote() + rnd.nextInt(voice.highNote() - voice.lowNote() + 1);
        PictogramLook look = new PictogramLook((rnd.nextDouble() - 0.5) * 0.04, 0.92 + 0.16 * rnd.nextDouble(),
                (rnd.nextDouble() - 0.5) * 16, rnd.nextBoolean(), rnd.nextDouble() * 2 * Math.PI);
        return new Source(id, category, box != null, box, rnd.nextInt(3), rnd.nextInt(3), pitch, active, look);
    }

    private static Source withId(Source s, int id) {
        return new Source(id, s.category(), s.visible(), s.box(), s.loudness(), s.rhythm(), s.pitch(), s.active(),
                s.look());
    }

    /** Whole-second activity: always on, entering late and playing on, or one stretch. */
    private boolean[] schedule(SplittableRandom rnd) {
        boolean[] a = new boolean[seconds];
        double mode = rnd.nextDouble();
        int from;
        int to;
        if (mode < 0.3) {
            from = 0;
            to = seconds;
        } else if (mode < 0.65) {
            from = 1 + rnd.nextInt(seconds - 2);
            to = seconds;
        } else {
            from = rnd.nextInt(seconds - 2);
            to = Math.min(seconds, from + 2 + rnd.nextInt(seconds - from - 1));
        }
        for (int i = from; i < to; i++) {
            a[i] = true;
        }
        if (to - from >= 5 && rnd.nextDouble() < 0.3) {
            a[from + 2 + rnd.nextInt(to - from - 3)] = false; // a breath inside a long stretch
        }
        return a;
    }

    /**
     * Boxes for the visible instruments: one per band of the frame (left, middle, right) for up to three,
     * two sharing a band for four; sizes vary from about a third to three quarters of the frame height.
     */
    private List<Box> layout(SplittableRandom rnd, List<String> categories) {
        int n = categories.size();
        List<double[]> slots = new ArrayList<>(); // [left edge, width] as fractions of the frame width
        if (n <= 3) {
            List<Integer> bands = new ArrayList<>(List.of(0, 1, 2));
            shuffle(bands, rnd);
            List<Integer> chosen = new ArrayList<>(bands.subList(0, n));
            chosen.sort(null);
            for (int b : chosen) {
                slots.add(new double[] {b / 3.0, 1 / 3.0});
            }
        } else {
            int doubled = rnd.nextInt(3);
            for (int b = 0; b < 3; b++) {
                if (b == doubled) {
                    slots.add(new double[] {b / 3.0, 1 / 6.0});
                    slots.add(new double[] {b / 3.0 + 1 / 6.0, 1 / 6.0});
                } else {
                    slots.add(new double[] {b / 3.0, 1 / 3.0});
                }
            }
        }
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] slot = slots.get(i);
            double aspect = PictogramShapeAspect.of(categories.get(i));
            double slotW = slot[1] * width;
            double h = height * (0.38 + 0.34 * rnd.nextDouble());
            double w = h * aspect;
            if (w > slotW * 0.92) {
                w = slotW * 0.92;
                h = w / aspect;
            }
            double cx = slot[0] * width + slotW / 2 + (rnd.nextDouble() - 0.5) * (slotW - w) * 0.8;
            double bottom = height * (0.8 + 0.15 * rnd.nextDouble());
            int x = (int) Math.round(cx - w / 2);
            int y = (int) Math.round(Math.max(4, bottom - h));
            boxes.add(new Box(x, y, (int) Math.round(w), (int) Math.round(h)));
        }
        return boxes;
    }

    private static List<String> distinctCategories(SplittableRandom rnd, int n) {
        List<String> all = new ArrayList<>(Categories.ALL);
        shuffle(all, rnd);
        return new ArrayList<>(all.subList(0, n));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int pick(SplittableRandom rnd, double[] weights) {
        double u = rnd.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
