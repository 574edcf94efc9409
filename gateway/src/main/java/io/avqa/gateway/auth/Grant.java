package io.avqa.gateway.auth;

import java.util.List;
import java.util.Set;

/**
 * What an authenticated token may do: its subject (the key for rate and connection limits) and the
 * streams it may see and ask about. The stream {@code *} grants every stream.
 */
public record Grant(String subject, Set<String> streams) {
    public static final String ALL_STREAMS = "*";

    public Grant {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a grant needs a subject");
        }
        streams = Set.copyOf(streams);
    }

    public boolean allows(String stream) {
        return streams.contains(ALL_STREAMS) || streams.contains(stream);
    }

    /** The granted streams, sorted, for display. */
    public List<String> streamList() {
        return streams.stream().sorted().toList();
    }
}
