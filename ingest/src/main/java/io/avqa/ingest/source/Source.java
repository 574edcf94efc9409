package io.avqa.ingest.source;

import io.avqa.schemas.SourceKind;

/**
 * Where a stream's media comes from. Parse user input with {@link Sources#parse(String)}.
 * {@link #redacted()} is the only form that may appear in logs and status records.
 */
public sealed interface Source permits FileSource, NetworkSource, DeviceSource, SyntheticSource {

    /** The location as given, credentials included: pass only to FFmpeg. */
    String location();

    /** The location with any user:password replaced by {@code ***}. */
    default String redacted() {
        return Sources.redact(location());
    }

    SourceKind kind();

    /** Live sources reconnect on failure; recorded ones end (or loop). */
    boolean live();
}
