package io.avqa.ops.log;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * Switches the format of a service's console log after the command line is parsed ({@code --log-format}).
 * Only the encoders of the root logger's console appenders change: levels, targets and other appenders stay
 * as the logback configuration set them (and text keeps the configuration's own pattern). Does nothing when SLF4J is not bound to logback.
 */
public final class LogSetup {
    /** The text pattern: time, level, logger, the MDC (streamId, questionId), message. */
    public static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} %mdc - %msg%n";

    private LogSetup() {
    }

    /** @return whether a console appender was reconfigured */
    public static boolean apply(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                consoles.add(console);
            }
        }
        for (ConsoleAppender<ILoggingEvent> console : consoles) {
            if (format == LogFormat.TEXT && console.getEncoder() instanceof PatternLayoutEncoder) {
                continue; // already text: keep the pattern the configuration chose
            }
            Encoder<ILoggingEvent> encoder = encoder(format, context);
            console.stop();
            console.setEncoder(encoder);
            console.start();
        }
        return !consoles.isEmpty();
    }

    static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        Encoder<ILoggingEvent> encoder = switch (format) {
            case TEXT -> {
                PatternLayoutEncoder e = new PatternLayoutEncoder();
                e.setPattern(TEXT_PATTERN);
                yield e;
            }
            case LOGFMT -> {
                LogfmtLayout layout = new LogfmtLayout();
                layout.setContext(context);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> e = new LayoutWrappingEncoder<>();
                e.setLayout(layout);
                yield e;
            }
            case JSON -> new JsonEncoder();
        };
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
