package io.avqa.features.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.features.train.LabelledSecond;
import io.avqa.features.train.SecondLabels;
import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;

/**
 * Labelled seconds drawn by tests: one instrument per frame, either a red "cello" rectangle or a green "violin"
 * ellipse, at a random place and size on a grey background, sounding (with a tone of its own pitch) or silent.
 */
public final class LabelledScenes {
    public static final int CELLO = Categories.indexOf("cello");
    public static final int VIOLIN = Categories.indexOf("violin");

    private LabelledScenes() {
    }

    /** {@code clips} clips of {@code seconds} seconds each, the category alternating second by second. */
    public static List<LabelledSecond> make(int clips, int seconds, long seed) {
        Random random = new Random(seed);
        List<LabelledSecond> out = new ArrayList<>();
        for (int clip = 0; clip < clips; clip++) {
            for (int s = 0; s < seconds; s++) {
                int category = (clip + s) % 2 == 0 ? CELLO : VIOLIN;
                int w = 50 + random.nextInt(60);
                int h = 60 + random.nextInt(80);
                int x = random.nextInt(224 - w);
                int y = random.nextInt(224 - h);
                boolean sounding = random.nextBoolean();
                BufferedImage image = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = image.createGraphics();
                int grey = 90 + random.nextInt(60);
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(0, 0, 224, 224);
                g.setColor(category == CELLO ? new Color(200, 40, 30) : new Color(40, 190, 60));
                if (category == CELLO) {
                    g.fillRect(x, y, w, h);
                } else {
                    g.fillOval(x, y, w, h);
                }
                g.dispose();
                float[] heard = new float[Categories.ALL.size()];
                float[] loud = new float[Categories.ALL.size()];
                if (sounding) {
                    heard[category] = 1;
                    loud[category] = 1;
                }
                SecondLabels labels = new SecondLabels(224, 224,
                        List.of(new SecondLabels.Box(category, sounding, x, y, w, h)), heard, loud);
                Segment segment = Segment.newBuilder().setStreamId("clip-" + clip).setSeq(s)
                        .setStartMs(1_700_000_000_000L + s * 1000L).setFrame(TestMedia.jpeg(image)).setFrameWidth(224)
                        .setFrameHeight(224)
                        .setAudio(TestMedia.tone(category == CELLO ? 110 : 1320, sounding ? 0.4 : 0.0))
                        .setAudioMissing(false).setIngestMs(0).setSourceKind(SourceKind.values()[0]).setLive(false)
                        .build();
                out.add(new LabelledSecond("clip-" + clip, segment, labels));
            }
        }
        return out;
    }
}
