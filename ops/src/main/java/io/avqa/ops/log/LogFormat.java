package io.avqa.ops.log;

import java.util.Locale;

/** How a service writes its log lines. Text is for people at a terminal; logfmt and JSON for log pipelines. */
public enum LogFormat {
    /** {@code 12:00:00.123 INFO  FeaturesService streamId=cam1 - message} */
    TEXT,
    /** {@code ts=2026-01-01T12:00:00.123Z level=INFO logger=... streamId=cam1 msg="message"} */
    LOGFMT,
    /** one JSON object per line (logback's JsonEncoder: timestamp, level, logger, mdc, message, throwable) */
    JSON;

    /** Parses {@code text}, {@code logfmt} or {@code json} (any case); says what is accepted otherwise. */
    public static LogFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log format must be text, logfmt or json, was '" + value + "'");
        }
    }
}
