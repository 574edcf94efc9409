package io.avqa.reasoner.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDManager;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.SaSRNet;
import io.avqa.reasoner.text.AnswerSet;
import io.avqa.reasoner.text.TemplateCatalog;
import io.avqa.reasoner.text.Vocabulary;

/**
 * Saves small untrained SaSR-Net directories for the streaming tests: the weights are seeded noise, so the
 * answers mean nothing, but they are deterministic functions of the window, which is what the streaming tests
 * compare.
 */
public final class TestModels {
    public static final String BACKBONE = "seeded-v1";
    public static final String LOUDER = "Is the cello louder than the piano?";
    public static final String COUNT = "How many instruments are sounding in the video?";
    public static final String WHERE = "Where is the first sounding instrument?";

    private TestModels() {
    }

    /** MUSIC-AVQA style questions the vocabulary, answers and templates are built from. */
    static List<AvqaQuestion> questions() {
        return List.of(
                q(1, "Audio", "Comparative", "Is the <Object> louder than the <Object>?", List.of("cello", "piano"), "yes"),
                q(2, "Audio", "Comparative", "Is the <Object> louder than the <Object>?", List.of("piano", "violin"), "no"),
                q(3, "Audio", "Counting", "How many instruments are sounding in the video?", List.of(), "2"),
                q(4, "Audio", "Counting", "How many instruments are sounding in the video?", List.of(), "3"),
                q(5, "Audio-Visual", "Location", "Where is the <FL> sounding instrument?", List.of("first"), "left"),
                q(6, "Audio-Visual", "Location", "Where is the <FL> sounding instrument?", List.of("last"), "right"),
                q(7, "Visual", "Counting", "How many <Object> are in the entire video?", List.of("cello"), "1"),
                q(8, "Audio-Visual", "Existential", "Is this sound from the instrument in the video?", List.of(), "yes"),
                q(9, "Visual", "Location", "Where is the <Object>?", List.of("violin"), "middle"),
                q(10, "Audio-Visual", "Temporal", "Which is the musical instrument that sounds at the same time as "
                        + "the <Object>?", List.of("piano"), "violin"));
    }

    private static AvqaQuestion q(long id, String modality, String kind, String content, List<String> values,
            String answer) {
        return new AvqaQuestion("clip" + id, id, modality, kind, content, values, answer);
    }

    /** Saves an untrained model with window T={@code steps}, s={@code stride} under {@code dir}. */
    public static Path save(Path dir, Preset preset, int steps, int stride) {
        List<AvqaQuestion> qs = questions();
        Vocabulary vocabulary = Vocabulary.build(qs);
        AnswerSet answers = AnswerSet.build(qs);
        TemplateCatalog catalog = TemplateCatalog.build(qs);
        List<ModelCard.TemplateEntry> templates = catalog.templates().stream()
                .map(t -> new ModelCard.TemplateEntry(t.text(), t.modality(), t.kind())).toList();
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(7);
            SaSRNet net = SaSRNet.builder().preset(preset).window(steps, stride).categories(Categories.ALL.size())
                    .answers(answers.size()).vocabulary(vocabulary.size()).optExtensions(Set.of(Extension.QSA)).build()
                    .initialize(m);
            // with the extension the shipped model has, so streaming tests carry its question grid too
            ModelCard card = new ModelCard("unsaved", preset.id(), steps, stride, List.of(), List.of("qsa"), Categories.ALL,
                    vocabulary.tokens(), answers.answers(), templates, catalog.slotValues(), BACKBONE, "", "",
                    Map.of());
            SaSRModel.of(m, net, card).save(dir, "F32", Map.of("note", "untrained, for streaming tests"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
