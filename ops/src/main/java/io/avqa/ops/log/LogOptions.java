package io.avqa.ops.log;

import picocli.CommandLine.Option;

/** The {@code --log-format} option every service declares (a picocli {@code @Mixin}). */
public final class LogOptions {
    @Option(names = "--log-format", paramLabel = "text|logfmt|json", defaultValue = "text",
            description = "Console log format: text for people, logfmt or json (one object per line) for log "
                    + "pipelines; streamId and questionId are separate fields.")
    String format;

    /** Parses the flag and reconfigures logging; call first thing in the command. */
    public LogFormat apply() {
        LogFormat f = LogFormat.parse(format);
        LogSetup.apply(f);
        return f;
    }
}
