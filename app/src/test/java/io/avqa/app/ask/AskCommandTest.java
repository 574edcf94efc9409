package io.avqa.app.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class AskCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        AskCommand ask = new AskCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ask.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        ask.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(ask).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutATokenItSaysWhereToGetOne(@TempDir Path home) {
        assumeTrue(System.getenv("AVQA_TOKEN") == null, "AVQA_TOKEN is set: a token is never missing here");
        Run r = run("--home", home.toString(), "--stream", "concert-1", "how many instruments are playing?");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("no access token: pass --token, set AVQA_TOKEN, or start `avqa demo`"), r.err());
    }

    @Test
    void withoutAGatewayItSaysWhereItLookedAndWhatToCheck(@TempDir Path home) throws Exception {
        new GatewayAdvert("http://127.0.0.1:9", "from-the-demo").write(home);
        Run r = run("--home", home.toString(), "--stream", "concert-1", "is there a violin?");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("cannot connect to the gateway at http://127.0.0.1:9 ("), r.err());
        assertTrue(r.err().contains("is it running, and is the token valid for it?"), r.err());
    }
}
