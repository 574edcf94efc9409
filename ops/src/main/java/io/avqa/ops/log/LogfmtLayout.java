package io.avqa.ops.log;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * Logback layout writing one logfmt line per event: {@code ts level logger thread}, then every MDC entry
 * ({@code streamId}, {@code questionId}, ...) as its own key, then {@code msg} and, for failures, {@code error}
 * and {@code stack}. Values with spaces, quotes or '=' are quoted and escaped, so any logfmt parser reads them.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(160);
        pair(b, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        pair(b, "level", event.getLevel().toString());
        pair(b, "logger", shortName(event.getLoggerName()));
        pair(b, "thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            new TreeMap<>(mdc).forEach((k, v) -> pair(b, k, v));
        }
        pair(b, "msg", event.getFormattedMessage());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            pair(b, "error", error.getClassName() + ": " + error.getMessage());
            pair(b, "stack", ThrowableProxyUtil.asString(error));
        }
        b.setLength(b.length() - 1);
        return b.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static String shortName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    static void pair(StringBuilder b, String key, String value) {
        b.append(key).append('=');
        String v = value == null ? "" : value;
        boolean quote = v.isEmpty() || v.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\');
        if (!quote) {
            b.append(v);
        } else {
            b.append('"');
            for (char c : v.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> b.append(c);
                }
            }
            b.append('"');
        }
        b.append(' ');
    }
}
