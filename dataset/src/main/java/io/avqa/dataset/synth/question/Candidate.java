package io.avqa.dataset.synth.question;

import java.util.List;

import io.avqa.dataset.musicavqa.Template;

/** A question that can be asked about a scene: a template, its slot values, and the true answer. */
public record Candidate(Template template, List<String> values, String answer) {

    public Candidate {
        values = List.copyOf(values);
    }
}
