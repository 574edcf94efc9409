package io.avqa.gateway.auth;

import java.util.List;
import java.util.Set;

/**
 * What an authenticated token may do: its subject (the key for rate and connection limits), the streams it may
 * see and ask about (the stream {@code *} grants every stream), and whether it may manage streams ({@code admin}:
 * add and remove any stream through {@code POST/DELETE /api/streams}, and see every managed stream listed).
 */
public record Grant(String subject, Set<String> streams, boolean admin) {
    public static final String ALL_STREAMS = "*";

    public Grant {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a grant needs a subject");
        }
        streams = Set.copyOf(streams);
    }

    /** A grant without the admin capability. */
    public Grant(String subject, Set<String> streams) {
        this(subject, streams, false);
    }

    public boolean allows(String stream) {
        return streams.contains(ALL_STREAMS) || streams.contains(stream);
    }

    /** The granted streams, sorted, for display. */
    public List<String> streamList() {
        return streams.stream().sorted().toList();
    }
}
