package io.avqa.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.avqa.app.AvqaCommand;
import picocli.CommandLine;

/**
 * Every command that needs Kafka, given an address where nothing listens, exits non-zero within 10 s with one
 * line naming the address and the next step (before this check, {@code avqa ingest} took over two minutes and
 * said "Topic avqa.streams not present in metadata").
 */
class UnreachableKafkaTest {
    private static String address;

    /** Exit status, seconds taken, and what the command printed as its error. */
    private record Run(int exit, double seconds, String err) {
    }

    @BeforeAll
    static void closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            address = "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void ingestSaysItCannotReachKafkaWithinTenSeconds() {
        assertRefusedQuickly(run("ingest", "--bootstrap-servers", address, "--ops-port", "-1", "--stream-id", "x",
                "--source", "synthetic:quartet"));
    }

    @Test
    void topicsListSaysItCannotReachKafkaWithinTenSeconds() {
        assertRefusedQuickly(run("topics", "list", "--bootstrap-servers", address));
    }

    @Test
    void theOtherKafkaCommandsSayItToo() {
        List<String> failures = new ArrayList<>();
        for (String[] args : new String[][] {
                {"topics", "create", "--bootstrap-servers", address},
                {"tail", "segments", "--bootstrap-servers", address},
                {"reasoner", "--bootstrap-servers", address, "--ops-port", "-1"},
                {"features", "--bootstrap-servers", address, "--ops-port", "-1"},
                {"gateway", "--bootstrap-servers", address, "--port", "0"}}) {
            Run r = run(args);
            if (r.exit() == 0 || r.seconds() >= 10 || !r.err().contains("cannot reach Kafka at " + address)) {
                failures.add(String.join(" ", args) + " -> exit " + r.exit() + " after " + r.seconds() + " s: " + r.err());
            }
        }
        assertEquals(List.of(), failures);
    }

    private static void assertRefusedQuickly(Run r) {
        assertNotEquals(0, r.exit());
        assertTrue(r.seconds() < 10, "took " + r.seconds() + " s");
        assertEquals(1, r.err().lines().count(), "one line:\n" + r.err());
        assertEquals("error: cannot reach Kafka at " + address + " (connection refused; address from "
                + "--bootstrap-servers): start a broker with `./avqa broker` (or `./avqa demo`), or pass "
                + "--bootstrap-servers HOST:PORT of a running cluster", r.err().strip());
    }

    private static Run run(String... args) {
        CommandLine cli = AvqaCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        long start = System.nanoTime();
        int exit = cli.execute(args);
        double seconds = (System.nanoTime() - start) / 1e9;
        cli.getErr().flush();
        return new Run(exit, Math.round(seconds * 100) / 100.0, err.toString());
    }
}
