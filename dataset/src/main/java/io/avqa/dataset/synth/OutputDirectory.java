package io.avqa.dataset.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.avqa.dataset.synth.scene.Scene;

/**
 * Makes an output directory safe to generate into: it must be empty, new, or an earlier synthetic
 * dataset (it has a {@code meta.json}). In an earlier dataset, clips that the new plan does not contain
 * are removed ({@code videos/<id>.mp4}, {@code labels/<id>.json}, half-written {@code .part} files), so a
 * smaller regeneration never leaves stale clips behind; other files (e.g. {@code feats/}) are kept.
 */
final class OutputDirectory {
    private OutputDirectory() {
    }

    static void prepare(Path out, SynthPlan plan) throws IOException {
        if (!Files.exists(out)) {
            Files.createDirectories(out);
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IOException(out + " is a file; give a directory for the dataset");
        }
        boolean empty;
        try (var s = Files.list(out)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.exists(out.resolve("meta.json"))) {
            throw new IOException(out + " is not empty and holds no synthetic dataset (no meta.json); "
                    + "choose an empty or new directory");
        }
        Set<String> keep = new HashSet<>();
        for (Scene s : plan.scenes()) {
            keep.add(s.videoId());
        }
        removeStale(out.resolve("videos"), ".mp4", keep);
        removeStale(out.resolve("labels"), ".json", keep);
    }

    private static void removeStale(Path dir, String suffix, Set<String> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            boolean partial = name.endsWith(".part") || name.endsWith(".tmp");
            String id = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (partial || (id != null && !keep.contains(id))) {
                Files.delete(f);
            }
        }
    }
}
