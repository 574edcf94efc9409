package io.avqa.ingest.source;

import io.avqa.schemas.SourceKind;

/**
 * {@code synthetic:<spec>}: a generated concert stream. Reserved for the dataset generator: ingest
 * resolves it to the generated clip files (see the demo), it does not render media itself.
 */
public record SyntheticSource(String spec) implements Source {
    @Override
    public String location() {
        return "synthetic:" + spec;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.SYNTHETIC;
    }

    @Override
    public boolean live() {
        return false;
    }
}
