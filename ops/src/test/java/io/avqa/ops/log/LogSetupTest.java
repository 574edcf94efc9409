package io.avqa.ops.log;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

/** --log-format swaps the encoder of the console appender the logging configuration set up. */
class LogSetupTest {

    private static Encoder<ILoggingEvent> consoleEncoder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                return console.getEncoder();
            }
        }
        throw new AssertionError("no console appender on the root logger");
    }

    @AfterEach
    void backToText() {
        LogSetup.apply(LogFormat.TEXT);
    }

    @Test
    void logfmtAndJsonReplaceTheEncoderAndTextRestoresAPattern() {
        assertTrue(LogSetup.apply(LogFormat.LOGFMT));
        Encoder<ILoggingEvent> logfmt = consoleEncoder();
        assertInstanceOf(LayoutWrappingEncoder.class, logfmt);
        assertInstanceOf(LogfmtLayout.class, ((LayoutWrappingEncoder<ILoggingEvent>) logfmt).getLayout());

        LogSetup.apply(LogFormat.JSON);
        assertInstanceOf(JsonEncoder.class, consoleEncoder());

        LogSetup.apply(LogFormat.TEXT);
        assertInstanceOf(PatternLayoutEncoder.class, consoleEncoder());
        LoggerFactory.getLogger(LogSetupTest.class).info("text again");
    }
}
