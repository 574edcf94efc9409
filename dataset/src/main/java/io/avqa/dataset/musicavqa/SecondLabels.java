package io.avqa.dataset.musicavqa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What happens in each second of a synthetic clip ({@code labels/<id>.json}): which categories sound, and in
 * which screen column a visible instrument sounds. These are the targets of SaSR-Net's per-second training heads
 * (the {@code dense} extension); real MUSIC-AVQA clips have no such labels, so {@link #read} gives nothing there.
 *
 * @param seconds seconds of the clip
 * @param heard   seconds x 22 in {@link Categories#ALL} order, row-major: 1 where the category sounds that second
 * @param columns seconds x 3 ({@link #COLUMNS} order), row-major: 1 where a visible instrument in that column
 *                sounds that second
 */
public record SecondLabels(int seconds, float[] heard, float[] columns) {
    /** The screen columns, in the order of {@link #columns}; the benchmark's position words. */
    public static final List<String> COLUMNS = List.of("left", "middle", "right");

    private static final ObjectMapper JSON = new ObjectMapper();

    public SecondLabels {
        if (heard.length != seconds * Categories.ALL.size() || columns.length != seconds * COLUMNS.size()) {
            throw new IllegalArgumentException("per-second labels need " + Categories.ALL.size() + " + "
                    + COLUMNS.size() + " values per second");
        }
        heard = heard.clone();
        columns = columns.clone();
    }

    @Override
    public float[] heard() {
        return heard.clone();
    }

    @Override
    public float[] columns() {
        return columns.clone();
    }

    /**
     * The per-second labels of {@code labelsJson}; empty when the file does not exist or does not describe
     * seconds (labels written before they did, or a user's own file). A file that describes them wrongly (an
     * unknown category or column, an {@code active} list of the wrong length) is refused with its name.
     */
    public static Optional<SecondLabels> read(Path labelsJson) throws IOException {
        if (!Files.isRegularFile(labelsJson)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(labelsJson.toFile());
        JsonNode segments = root.path("segments");
        JsonNode sources = root.path("sources");
        if (!segments.isArray() || segments.isEmpty() || !sources.isArray()) {
            return Optional.empty();
        }
        int seconds = segments.size();
        int c = Categories.ALL.size();
        float[] heard = new float[seconds * c];
        for (int s = 0; s < seconds; s++) {
            for (JsonNode name : segments.get(s).path("sounding_categories")) {
                heard[s * c + index(Categories.indexOf(name.asText()), name.asText(), "category", labelsJson)] = 1f;
            }
        }
        float[] columns = new float[seconds * COLUMNS.size()];
        for (JsonNode source : sources) {
            if (!source.path("visible").asBoolean(false)) {
                continue;
            }
            String position = source.path("position").asText();
            int column = index(COLUMNS.indexOf(position), position, "position", labelsJson);
            JsonNode active = source.path("active");
            if (active.size() != seconds) {
                throw new IOException(labelsJson + ": a source's 'active' has " + active.size()
                        + " values for " + seconds + " segments");
            }
            for (int s = 0; s < seconds; s++) {
                if (active.get(s).asInt() == 1) {
                    columns[s * COLUMNS.size() + column] = 1f;
                }
            }
        }
        return Optional.of(new SecondLabels(seconds, heard, columns));
    }

    private static int index(int i, String value, String what, Path file) throws IOException {
        if (i < 0) {
            throw new IOException(file + ": unknown " + what + " '" + value + "'");
        }
        return i;
    }
}
