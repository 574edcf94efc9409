package io.avqa.dataset.musicavqa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where pre-extracted features live in a dataset directory, laid out as MUSIC-AVQA distributes them:
 * {@code feats/vggish/<id>.npy} (float32 [S,128], one row per 1-second segment) and
 * {@code feats/res18_14x14/<id>.npy} ([S,512,14,14], written as float16; float32 is read too), plus
 * {@code feats/backbone.json} naming the backbone weights that produced them ({@code {"backboneId": ...}}),
 * so that a model is never trained or run on features from other weights.
 */
public final class FeatureLayout {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path featsDir;

    private FeatureLayout(Path featsDir) {
        this.featsDir = featsDir;
    }

    /** The layout under {@code datasetDir/feats}; nothing is created until something is written. */
    public static FeatureLayout at(Path datasetDir) {
        return new FeatureLayout(datasetDir.resolve("feats"));
    }

    public Path audioFile(String videoId) {
        return featsDir.resolve("vggish").resolve(videoId + ".npy");
    }

    public Path visualFile(String videoId) {
        return featsDir.resolve("res18_14x14").resolve(videoId + ".npy");
    }

    private Path backboneFile() {
        return featsDir.resolve("backbone.json");
    }

    /** The backbone id recorded with the features, empty when no {@code backbone.json} exists. */
    public Optional<String> backboneId() throws IOException {
        Path file = backboneFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode id = JSON.readTree(file.toFile()).path("backboneId");
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new IOException(file + " has no \"backboneId\" string");
        }
        return Optional.of(id.asText());
    }

    public void writeBackboneId(String id) throws IOException {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The parameter 'id' must not be blank.");
        }
        Files.createDirectories(featsDir);
        ObjectNode node = JSON.createObjectNode().put("backboneId", id);
        Files.writeString(backboneFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n",
                StandardCharsets.UTF_8);
    }

    public NpyArray readAudio(String videoId) throws IOException {
        return NpyArray.read(audioFile(videoId));
    }

    public NpyArray readVisual(String videoId) throws IOException {
        return NpyArray.read(visualFile(videoId));
    }

    /**
     * Writes one clip's features: audio as float32 [S,128], visual as float16 [S,512,14,14]. The two
     * must have the same number of segments S.
     */
    public void write(String videoId, NpyArray audio, NpyArray visual) throws IOException {
        if (audio.rank() != 2 || visual.rank() != 4 || audio.dim(0) != visual.dim(0)) {
            throw new IllegalArgumentException("features of " + videoId + " must be audio [S,128] and visual "
                    + "[S,C,H,W] with the same S; got " + audio + " and " + visual);
        }
        audio.write(audioFile(videoId), false);
        visual.write(visualFile(videoId), true);
    }
}
