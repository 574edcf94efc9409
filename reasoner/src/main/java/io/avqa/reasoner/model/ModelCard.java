package io.avqa.reasoner.model;

import java.util.List;
import java.util.Map;

/**
 * The contents of {@code model.json} in a saved model directory: everything needed to rebuild the network and
 * to refuse inputs it was not trained for.
 *
 * @param modelId      content-derived id (preset, backbone and a weight digest)
 * @param preset       {@link Preset#id()}
 * @param steps        window length T
 * @param strideSeconds window stride s
 * @param ablations    switched-off parts, {@link Ablation#id()} names
 * @param extensions   parts beyond the paper, {@link Extension#id()} names (absent in older cards: none)
 * @param categories   source categories in token order
 * @param vocabulary   question tokens, {@code <pad>} first and {@code <unk>} last
 * @param answers      answer classes in output order
 * @param templates    supported question templates: text, modality, kind
 * @param slotValues   values seen per template slot
 * @param backboneId   id of the feature backbones the model was trained on (feats/backbone.json)
 * @param weightsFile  file name of the weights, relative to the directory
 * @param weightsDtype "F16" or "F32"
 * @param metrics      training metrics (epochs, best epoch, accuracies, timings)
 */
public record ModelCard(String modelId, String preset, int steps, int strideSeconds, List<String> ablations,
        List<String> extensions, List<String> categories, List<String> vocabulary, List<String> answers, List<TemplateEntry> templates,
        Map<String, List<String>> slotValues, String backboneId, String weightsFile, String weightsDtype,
        Map<String, Object> metrics) {

    /**
     * One supported template.
     *
     * @param text     template text with slots
     * @param modality Audio, Visual or Audio-Visual
     * @param kind     Counting, Comparative, Location, Existential or Temporal
     */
    public record TemplateEntry(String text, String modality, String kind) {
    }

    public ModelCard {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    public Window window() {
        return new Window(steps, strideSeconds);
    }
}
