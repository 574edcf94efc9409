package io.avqa.dataset.synth.question;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.avqa.dataset.synth.scene.Position;
import io.avqa.dataset.synth.scene.Source;

/**
 * Answers of the Audio-Visual location and temporal templates: where a sound comes from and in which
 * order instruments come in. "First"/"last" sound = the heard source with the strictly earliest/latest
 * onset second; the n-th to come in needs an onset distinct from its neighbours in onset order.
 */
final class AudioVisualPlacement {
    /** "Lowest" needs a clear gap in pitch (MIDI semitones) to the next lowest heard instrument. */
    static final int LOWEST_GAP = 5;

    private AudioVisualPlacement() {
    }

    static Optional<String> answer(SceneFacts f, String templateId, List<String> v) {
        return switch (templateId) {
            case "av_loc_fl_from_lr" -> f.firstOrLast(v.get(0))
                    .map(s -> SceneFacts.yesNo(s.visible() && f.position(s) == Position.ofWord(v.get(1))));
            case "av_loc_side_of_fl" -> v.get(0).equals("middle") ? Optional.empty()
                    : f.firstOrLast(v.get(1)).filter(Source::visible).flatMap(s -> f.neighbour(s, v.get(0)))
                            .map(Source::category);
            case "av_loc_where_ll" -> (v.get(0).equals("loudest") ? loudest(f) : lowest(f))
                    .filter(Source::visible).map(s -> f.position(s).word());
            case "av_loc_same_time" -> sameTime(f, v.get(0));
            case "av_temp_th_comes_in" -> nthToComeIn(f, List.of("first", "second", "third").indexOf(v.get(0)));
            case "av_temp_where_fl" -> f.firstOrLast(v.get(0)).filter(Source::visible).map(s -> f.position(s).word());
            case "av_temp_which_obj_fl" -> whichOfSameKind(f, v.get(0), v.get(1));
            case "av_temp_ba_obj" -> beforeAfter(f, v.get(0), v.get(1));
            default -> throw new IllegalArgumentException("unknown template " + templateId);
        };
    }

    private static Optional<Source> loudest(SceneFacts f) {
        return SceneFacts.extreme(f.heard, Source::loudness, false);
    }

    private static Optional<Source> lowest(SceneFacts f) {
        List<Source> pitched = f.heard.stream().filter(Source::pitched).toList();
        if (pitched.size() != f.heard.size() || pitched.isEmpty()) {
            return Optional.empty(); // a heard drum has no pitch to compare
        }
        List<Source> sorted = pitched.stream().sorted((a, b) -> Integer.compare(a.pitch(), b.pitch())).toList();
        if (sorted.size() > 1 && sorted.get(1).pitch() - sorted.get(0).pitch() < LOWEST_GAP) {
            return Optional.empty();
        }
        return Optional.of(sorted.get(0));
    }

    private static Optional<String> sameTime(SceneFacts f, String category) {
        Optional<Source> x = f.soleHeard(category);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        int best = 0;
        for (Source o : f.heard) {
            if (o.id() != x.get().id()) {
                best = Math.max(best, overlap(o, x.get()));
            }
        }
        int fixed = best;
        Set<String> cats = AudioVisualAnswers.categories(f.heard.stream()
                .filter(o -> o.id() != x.get().id() && overlap(o, x.get()) == fixed).toList());
        return best > 0 && cats.size() == 1 ? Optional.of(cats.iterator().next()) : Optional.empty();
    }

    private static int overlap(Source a, Source b) {
        boolean[] x = a.active();
        int n = 0;
        for (int t = 0; t < x.length; t++) {
            n += x[t] && b.activeAt(t) ? 1 : 0;
        }
        return n;
    }

    private static Optional<String> nthToComeIn(SceneFacts f, int k) {
        List<Source> order = f.byOnset(f.heard);
        if (k < 0 || order.size() <= k) {
            return Optional.empty();
        }
        int on = order.get(k).onset();
        boolean distinctBefore = k == 0 || order.get(k - 1).onset() != on;
        boolean distinctAfter = k == order.size() - 1 || order.get(k + 1).onset() != on;
        return distinctBefore && distinctAfter ? Optional.of(order.get(k).category()) : Optional.empty();
    }

    private static Optional<String> whichOfSameKind(SceneFacts f, String category, String fl) {
        List<Source> group = f.visibleHeard.stream().filter(s -> s.category().equals(category)).toList();
        if (group.size() < 2 || group.stream().map(f::position).distinct().count() != group.size()) {
            return Optional.empty();
        }
        if (group.stream().mapToInt(Source::onset).distinct().count() == 1) {
            return Optional.of("simultaneously");
        }
        return SceneFacts.extreme(group, Source::onset, fl.equals("first")).map(s -> f.position(s).word());
    }

    private static Optional<String> beforeAfter(SceneFacts f, String ba, String category) {
        Optional<Source> x = f.soleHeard(category);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        int on = x.get().onset();
        boolean before = ba.equals("before");
        List<Source> side = f.heard.stream().filter(s -> before ? s.onset() < on : s.onset() > on).toList();
        return SceneFacts.extreme(side, Source::onset, !before).map(Source::category);
    }
}
