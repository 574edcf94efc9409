package io.avqa.dataset.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.synth.SynthConfig;
import io.avqa.dataset.synth.SynthPlan;
import io.avqa.dataset.synth.scene.Box;
import io.avqa.dataset.synth.scene.PictogramLook;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * The pictograms are where the labels say, and their colour names their category: inside each labelled
 * box, the category colour that most pixels match is the instrument's own, among all 22.
 */
class FrameRendererTest {
    private static final PictogramLook NEUTRAL = new PictogramLook(0, 1, 0, false, 0);

    @Test
    void eachLabelledBoxIsDominatedByItsOwnCategoryColour() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Scene scene : SynthPlan.build(SynthConfig.defaults(40, 4)).scenes()) {
            FrameRenderer renderer = new FrameRenderer(scene, 8);
            int frame = 3 * 8; // first frame of second 3
            BufferedImage img = renderer.frame(frame);
            for (Source s : scene.visible()) {
                String best = dominantCategory(img, renderer.motion().boxAt(s, frame), scene.look().brightness());
                if (!s.category().equals(best)) {
                    wrong.add(scene.videoId() + " " + s.category() + " looks like " + best);
                }
                checked++;
            }
        }
        assertTrue(checked > 70, "checked " + checked);
        assertEquals(List.of(), wrong);
    }

    private static String dominantCategory(BufferedImage img, Box b, double brightness) {
        int[] votes = new int[Categories.ALL.size()];
        for (int y = Math.max(0, b.y()); y < Math.min(img.getHeight(), b.y() + b.h()); y++) {
            for (int x = Math.max(0, b.x()); x < Math.min(img.getWidth(), b.x() + b.w()); x++) {
                int rgb = img.getRGB(x, y);
                int nearest = -1;
                double nearestD = 40; // only pixels close to some category colour vote
                for (int c = 0; c < votes.length; c++) {
                    Color k = Palette.body(Categories.ALL.get(c), NEUTRAL);
                    double dr = ((rgb >> 16) & 0xff) - Math.min(255, k.getRed() * brightness);
                    double dg = ((rgb >> 8) & 0xff) - Math.min(255, k.getGreen() * brightness);
                    double db = (rgb & 0xff) - Math.min(255, k.getBlue() * brightness);
                    double d = Math.sqrt(dr * dr + dg * dg + db * db);
                    if (d < nearestD) {
                        nearestD = d;
                        nearest = c;
                    }
                }
                if (nearest >= 0) {
                    votes[nearest]++;
                }
            }
        }
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
            best = votes[c] > votes[best] ? c : best;
        }
        return votes[best] == 0 ? "nothing" : Categories.ALL.get(best);
    }
}
