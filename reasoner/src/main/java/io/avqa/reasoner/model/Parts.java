package io.avqa.reasoner.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comma-separated part lists of the command line and {@code model.json}: {@link Ablation}s and
 * {@link Extension}s, one parser for both.
 */
final class Parts {
    private Parts() {
    }

    /**
     * Parses {@code "a,b"} into constants of {@code type} by their lower-case names; blank (or {@code none}) gives
     * the empty set; an unknown name is refused with the valid choices.
     */
    static <E extends Enum<E>> Set<E> parse(Class<E> type, String noun, String csv) {
        EnumSet<E> out = EnumSet.noneOf(type);
        if (csv == null || csv.isBlank() || csv.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String part : csv.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(Enum.valueOf(type, p));
            } catch (IllegalArgumentException e) {
                String choices = Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
                throw new IllegalArgumentException("unknown " + noun + " '" + part.trim() + "'; choose from "
                        + choices, e);
            }
        }
        return out;
    }
}
