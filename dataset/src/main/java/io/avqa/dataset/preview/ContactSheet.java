package io.avqa.dataset.preview;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A PNG contact sheet of one clip for checking scenes by eye: the first frame of every 1-second segment
 * in a grid, each with the labelled boxes outlined and the ground truth printed under it (which
 * instruments sound in that second, and where the visible ones stand).
 */
public final class ContactSheet {
    private static final int COLUMNS = 4;
    private static final int TEXT_LINES = 3;
    private static final int LINE_HEIGHT = 13;

    private ContactSheet() {
    }

    /** Writes the sheet for {@code videoId} of the dataset in {@code datasetDir} to {@code png}. */
    public static void write(Path datasetDir, String videoId, Path png) throws IOException {
        Path video = datasetDir.resolve("videos").resolve(videoId + ".mp4");
        Path labelsFile = datasetDir.resolve("labels").resolve(videoId + ".json");
        if (!Files.exists(video)) {
            throw new IOException("no video " + video + " (is " + videoId + " a clip of this dataset?)");
        }
        JsonNode labels = Files.exists(labelsFile) ? new ObjectMapper().readTree(labelsFile.toFile()) : null;
        List<BufferedImage> frames = SegmentFrames.read(video);
        if (frames.isEmpty()) {
            throw new IOException(video + " has no video frames");
        }
        int fw = frames.get(0).getWidth();
        int fh = frames.get(0).getHeight();
        int cellH = fh + TEXT_LINES * LINE_HEIGHT + 6;
        int rows = (frames.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * (fw + 4), rows * cellH + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        g.drawString(videoId + (labels == null ? " (no labels)" : "  setting: " + labels.path("setting").asText()
                + "  sources: " + sources(labels)), 4, 14);
        for (int n = 0; n < frames.size(); n++) {
            int x = (n % COLUMNS) * (fw + 4) + 2;
            int y = (n / COLUMNS) * cellH + 20;
            g.drawImage(frames.get(n), x, y, null);
            List<String> text = new ArrayList<>();
            text.add("second " + n);
            if (labels != null && n < labels.path("segments").size()) {
                JsonNode seg = labels.path("segments").get(n);
                outlineBoxes(g, seg, labels, x, y);
                text.add("sounding: " + (seg.path("sounding_categories").isEmpty() ? "none"
                        : join(seg.path("sounding_categories"))));
                text.add("seen: " + seen(labels));
            }
            g.setColor(Color.BLACK);
            for (int i = 0; i < text.size(); i++) {
                g.drawString(text.get(i), x + 2, y + fh + LINE_HEIGHT * (i + 1));
            }
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", png.toFile());
    }

    private static void outlineBoxes(Graphics2D g, JsonNode seg, JsonNode labels, int x, int y) {
        for (JsonNode b : seg.path("boxes")) {
            JsonNode box = b.path("box");
            boolean sounding = false;
            for (JsonNode id : seg.path("sounding")) {
                sounding |= id.asInt() == b.path("id").asInt();
            }
            g.setColor(sounding ? Color.GREEN : Color.RED);
            g.drawRect(x + box.get(0).asInt(), y + box.get(1).asInt(), box.get(2).asInt(), box.get(3).asInt());
            g.drawString(labels.path("sources").get(b.path("id").asInt()).path("category").asText(),
                    x + box.get(0).asInt() + 2, y + box.get(1).asInt() + 11);
        }
    }

    private static String seen(JsonNode labels) {
        List<String> parts = new ArrayList<>();
        for (JsonNode s : labels.path("sources")) {
            if (s.path("visible").asBoolean()) {
                parts.add(s.path("category").asText() + "@" + s.path("position").asText());
            }
        }
        return String.join(", ", parts);
    }

    private static String sources(JsonNode labels) {
        List<String> parts = new ArrayList<>();
        for (JsonNode s : labels.path("sources")) {
            parts.add(s.path("category").asText() + (s.path("visible").asBoolean() ? "" : " (off screen)")
                    + " loud " + s.path("loudness").asInt() + " rhythm " + s.path("rhythm").asInt());
        }
        return String.join("; ", parts);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(", ", parts);
    }
}
