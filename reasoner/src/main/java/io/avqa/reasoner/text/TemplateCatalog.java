package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * The templates seen in training with the values each slot took (e.g. &lt;LR&gt; in {left, middle, right}),
 * which is what the model can answer meaningfully. Saved with the model.
 */
public final class TemplateCatalog {
    private final Map<String, QuestionTemplate> templates;
    private final Map<String, List<String>> slotValues;

    private TemplateCatalog(Map<String, QuestionTemplate> templates, Map<String, List<String>> slotValues) {
        this.templates = templates;
        this.slotValues = slotValues;
    }

    public static TemplateCatalog build(Collection<AvqaQuestion> questions) {
        Map<String, QuestionTemplate> templates = new LinkedHashMap<>();
        Map<String, TreeSet<String>> values = new TreeMap<>();
        for (AvqaQuestion q : questions) {
            QuestionTemplate t = templates.computeIfAbsent(key(q.content()),
                    k -> new QuestionTemplate(q.content(), q.modality(), q.kind()));
            List<String> slots = t.slots();
            for (int i = 0; i < Math.min(slots.size(), q.templValues().size()); i++) {
                values.computeIfAbsent(slots.get(i), s -> new TreeSet<>()).add(q.templValues().get(i));
            }
        }
        Map<String, List<String>> slotValues = new TreeMap<>();
        values.forEach((k, v) -> slotValues.put(k, List.copyOf(v)));
        return new TemplateCatalog(templates, slotValues);
    }

    /** Restores a saved catalog. */
    public static TemplateCatalog of(List<QuestionTemplate> templates, Map<String, List<String>> slotValues) {
        Map<String, QuestionTemplate> map = new LinkedHashMap<>();
        for (QuestionTemplate t : templates) {
            map.put(key(t.text()), t);
        }
        return new TemplateCatalog(map, new TreeMap<>(slotValues));
    }

    private static String key(String content) {
        return content.trim();
    }

    public List<QuestionTemplate> templates() {
        return new ArrayList<>(templates.values());
    }

    /** Values seen for each slot name. */
    public Map<String, List<String>> slotValues() {
        return slotValues;
    }

    public List<String> valuesOf(String slot) {
        return slotValues.getOrDefault(slot, List.of());
    }

    /** The template of an annotated question, when training saw it. */
    public Optional<QuestionTemplate> find(String content) {
        return Optional.ofNullable(templates.get(key(content)));
    }
}
