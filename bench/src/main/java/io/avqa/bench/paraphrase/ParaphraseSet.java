package io.avqa.bench.paraphrase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The labelled questions of {@code bench/paraphrases/*.txt}: a {@code [key]} line starts a section, each
 * {@code slots | question} line below it is one question (see that folder's README).
 */
public final class ParaphraseSet {
    /** The section of near misses that must be refused. */
    public static final String REFUSE = "refuse";

    /**
     * One labelled question.
     *
     * @param file     the file it came from (dev, heldout, near-misses)
     * @param expected a template key, or {@link #REFUSE}
     * @param slots    slot values in template order; for a refusal, one tag saying why
     * @param question the text as a person typed it
     */
    public record Labelled(String file, String expected, List<String> slots, String question) {
        public boolean mustRefuse() {
            return expected.equals(REFUSE);
        }
    }

    private ParaphraseSet() {
    }

    public static List<Labelled> read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
        List<Labelled> out = new ArrayList<>();
        String section = null;
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                section = s.substring(1, s.length() - 1);
                continue;
            }
            int bar = s.indexOf('|');
            if (section == null || bar < 0) {
                throw new IOException(file + ":" + lineNo + ": expected 'slots | question' under a [key] line");
            }
            String slots = s.substring(0, bar).strip();
            List<String> values = slots.equals("-") ? List.of() : Arrays.stream(slots.split(",")).map(String::strip).toList();
            out.add(new Labelled(name, section, values, s.substring(bar + 1).strip()));
        }
        return out;
    }
}
