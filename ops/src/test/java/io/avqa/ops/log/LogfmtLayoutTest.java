package io.avqa.ops.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

class LogfmtLayoutTest {

    @Test
    void writesMdcKeysAsFieldsAndQuotesMessages() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.avqa.features.service.FeaturesService"),
                Level.WARN, "rejected {} seq {}: \"bad\" frame", null, new Object[] {"cam1", 7});
        event.setThreadName("main");
        event.setTimeStamp(0);
        event.setMDCPropertyMap(Map.of("streamId", "cam1", "questionId", "q-1"));
        String line = new LogfmtLayout().doLayout(event);
        assertEquals("ts=1970-01-01T00:00:00Z level=WARN logger=FeaturesService thread=main questionId=q-1 "
                + "streamId=cam1 msg=\"rejected cam1 seq 7: \\\"bad\\\" frame\"" + System.lineSeparator(), line);
    }

    @Test
    void failuresCarryTheErrorAndAnEscapedStack() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("a.B"), Level.ERROR, "failed",
                new IllegalStateException("no model"), null);
        event.setMDCPropertyMap(Map.of());
        String line = new LogfmtLayout().doLayout(event);
        assertTrue(line.contains("error=\"java.lang.IllegalStateException: no model\""), line);
        assertEquals(1, line.lines().count(), "one line per event, the stack escaped: " + line);
    }

    @Test
    void formatNamesAreCheckedWithAHelpfulMessage() {
        assertEquals(LogFormat.JSON, LogFormat.parse("JSON"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml"));
        assertTrue(e.getMessage().contains("text, logfmt or json"));
    }
}
