package io.avqa.dataset.synth.question;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import io.avqa.dataset.synth.scene.Position;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * The relations between a scene's sources that question answers are built from (who is visible, who is
 * heard, who comes in first, who stands left of whom). An answer is "undefined" (empty) whenever the
 * relation it needs is not unique, so every generated question has exactly one right answer.
 */
final class SceneFacts {
    final Scene scene;
    final List<Source> visible;
    final List<Source> heard;
    final List<Source> visibleHeard;

    SceneFacts(Scene scene) {
        this.scene = scene;
        this.visible = scene.visible();
        this.heard = scene.heard();
        this.visibleHeard = visible.stream().filter(Source::sounding).toList();
    }

    Position position(Source s) {
        return scene.positionOf(s);
    }

    List<Source> visibleOf(String category) {
        return visible.stream().filter(s -> s.category().equals(category)).toList();
    }

    List<Source> heardOf(String category) {
        return heard.stream().filter(s -> s.category().equals(category)).toList();
    }

    boolean isHeard(String category) {
        return !heardOf(category).isEmpty();
    }

    /** The only heard source of a category, if exactly one. */
    Optional<Source> soleHeard(String category) {
        List<Source> of = heardOf(category);
        return of.size() == 1 ? Optional.of(of.get(0)) : Optional.empty();
    }

    /** The only visible source of a category, if exactly one. */
    Optional<Source> soleVisible(String category) {
        List<Source> of = visibleOf(category);
        return of.size() == 1 ? Optional.of(of.get(0)) : Optional.empty();
    }

    /** The only visible source standing at a position, if exactly one. */
    Optional<Source> soleAt(Position p) {
        List<Source> at = visible.stream().filter(s -> position(s) == p).toList();
        return at.size() == 1 ? Optional.of(at.get(0)) : Optional.empty();
    }

    /** The only visible source of a category at a position, if exactly one. */
    Optional<Source> soleAt(String category, Position p) {
        List<Source> at = visible.stream().filter(s -> position(s) == p && s.category().equals(category)).toList();
        return at.size() == 1 ? Optional.of(at.get(0)) : Optional.empty();
    }

    /** The heard source whose onset is strictly the earliest ("first") or strictly the latest ("last"). */
    Optional<Source> firstOrLast(String fl) {
        return extreme(heard, Source::onset, fl.equals("first"));
    }

    /** The nearest visible source on the given side ("left" or "right") of {@code of}. */
    Optional<Source> neighbour(Source of, String side) {
        double x = of.box().centreX();
        return side.equals("left")
                ? visible.stream().filter(s -> s.box().centreX() < x).max(Comparator.comparingDouble(s -> s.box().centreX()))
                : visible.stream().filter(s -> s.box().centreX() > x).min(Comparator.comparingDouble(s -> s.box().centreX()));
    }

    /** Sources of {@code among} sorted by onset. */
    List<Source> byOnset(List<Source> among) {
        List<Source> sorted = new ArrayList<>(among);
        sorted.sort(Comparator.comparingInt(Source::onset).thenComparingInt(Source::id));
        return sorted;
    }

    /** The single source with the strictly smallest (or largest) key, if unique. */
    static Optional<Source> extreme(List<Source> among, ToIntFunction<Source> key, boolean smallest) {
        if (among.isEmpty()) {
            return Optional.empty();
        }
        int best = smallest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (Source s : among) {
            int k = key.applyAsInt(s);
            best = smallest ? Math.min(best, k) : Math.max(best, k);
        }
        int fixed = best;
        List<Source> at = among.stream().filter(s -> key.applyAsInt(s) == fixed).toList();
        return at.size() == 1 ? Optional.of(at.get(0)) : Optional.empty();
    }

    /** Number of seconds in which any heard source of the category sounds. */
    int secondsPlayed(String category) {
        int n = 0;
        for (int t = 0; t < scene.seconds(); t++) {
            int sec = t;
            if (heardOf(category).stream().anyMatch(s -> s.activeAt(sec))) {
                n++;
            }
        }
        return n;
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
