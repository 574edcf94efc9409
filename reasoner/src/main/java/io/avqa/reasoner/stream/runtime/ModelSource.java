package io.avqa.reasoner.stream.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.SaSRModel;

/**
 * A saved SaSR-Net directory the reasoner loads once per stream thread. The card (window, model id, backbone,
 * categories) is read up front because the topology is shaped by it.
 */
public final class ModelSource {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private final ModelCard card;

    private ModelSource(Path dir, ModelCard card) {
        this.dir = dir;
        this.card = card;
    }

    /**
     * Opens the model directory's card.
     *
     * @throws IllegalStateException saying how to get a model when the directory holds none
     */
    public static ModelSource of(Path dir) {
        Path cardFile = dir.resolve(SaSRModel.CARD_FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new IllegalStateException("no SaSR-Net model at " + dir.toAbsolutePath() + " (missing "
                    + SaSRModel.CARD_FILE + "); train one on synthetic concerts (avqa dataset synth, avqa features "
                    + "extract, then the reasoner's train command with --out " + dir + ") or pass --model DIR");
        }
        try {
            return new ModelSource(dir, JSON.readValue(cardFile.toFile(), ModelCard.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cardFile + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ModelCard card() {
        return card;
    }

    /** Loads the weights (one copy per caller), refusing a directory whose window changed since the card was read. */
    public SaSRModel open() {
        try {
            return SaSRModel.load(dir, card.backboneId(), card.window());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model in " + dir + ": " + e.getMessage(), e);
        }
    }
}
