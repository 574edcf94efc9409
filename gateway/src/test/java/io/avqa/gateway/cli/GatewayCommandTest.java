package io.avqa.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class GatewayCommandTest {

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new GatewayCommand()).setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        String help = out.toString();
        for (String option : new String[] {"--bootstrap-servers", "--topic-prefix", "--host", "--port", "--instance-id",
            "--tokens", "--tokens-file", "--jwt-secret-file", "--answer-timeout", "--max-frame-bytes",
            "--max-question-chars", "--rate", "--burst", "--max-standing", "--max-connections-per-token",
            "--write-queue-bytes"}) {
            assertTrue(help.contains(option), option + " missing from --help");
        }
        assertTrue(help.contains("default: 127.0.0.1"), help);
        assertTrue(help.contains("default: 5s"), help);
    }

    @Test
    void durationsReadAsMillisSecondsMinutesOrIso() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofMillis(2500), converter.convert("2.5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofSeconds(5), converter.convert("PT5S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("soon"));
    }

    @Test
    void freshTokensDiffer() {
        String a = GatewayCommand.freshToken();
        assertEquals(32, a.length());
        assertTrue(!a.equals(GatewayCommand.freshToken()));
    }
}
