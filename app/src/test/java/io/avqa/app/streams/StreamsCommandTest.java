package io.avqa.app.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.gateway.auth.StaticTokens;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Vertx;
import picocli.CommandLine;

/** {@code avqa streams} against a real gateway on the embedded broker, as a person types it. */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsCommandTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");

    static Vertx vertx;
    static Gateway gateway;
    static String url;

    @TempDir
    Path home; // no demo advert here: the flags decide

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaExtension.createTopics(TOPICS);
        vertx = Vertx.vertx();
        gateway = Gateway.start(vertx, GatewayConfig.of(EmbeddedKafkaExtension.bootstrapServers(), TOPICS, "gw-cli",
                StaticTokens.parse("ops=*,+admin;viewer=*")).withPort(0)).compose(Gateway::ready)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        url = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Run run(String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("--help")) {
            all.addAll(List.of("--home", home.toString(), "--url", url));
            if (token != null) {
                all.addAll(List.of("--token", token));
            }
        }
        CommandLine cli = new CommandLine(new StreamsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void addsListsAndRemovesAStreamShowingTheSourceRedacted() {
        Run added = run("ops", "add", "--id", "door-cam", "--source", "rtsp://alice:hunter2@cam.example/live",
                "--rate", "2", "--loop");
        assertEquals(0, added.exit(), added.toString());
        assertEquals("added stream door-cam: network source rtsp://***@cam.example/live, rate 2.0, looping"
                + " (`avqa streams list` shows when it is LIVE)", added.out().strip());

        Run listed = run("viewer", "list");
        assertEquals(0, listed.exit(), listed.toString());
        List<String> lines = listed.out().lines().toList();
        assertEquals("STREAM    STATE    MANAGED  SOURCE", lines.get(0));
        assertTrue(lines.contains("door-cam  PENDING  yes      rtsp://***@cam.example/live"), listed.out());
        assertFalse(listed.out().contains("hunter2"));

        Run removed = run("ops", "remove", "door-cam");
        assertEquals(0, removed.exit(), removed.toString());
        assertEquals("removed stream door-cam", removed.out().strip());
        assertFalse(run("ops", "list").out().contains("door-cam"), "gone from the listing");
    }

    @Test
    void aTokenWithoutTheAdminGrantExits2SayingWhatToDo() {
        Run r = run("viewer", "add", "--id", "cam9", "--source", "/media/cam9.mp4");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("this token has no admin grant: adding and removing streams needs a key marked"
                + " +admin"), r.err());
    }

    @Test
    void aDuplicateOrUnknownIdExits2SayingWhatToDoNext() {
        assertEquals(0, run("ops", "add", "--id", "twice", "--source", "/media/twice.mp4").exit());
        Run again = run("ops", "add", "--id", "twice", "--source", "/media/twice.mp4");
        assertEquals(2, again.exit());
        assertEquals("stream \"twice\" already exists: remove it first (`avqa streams remove twice`) or choose another"
                + " --id", again.err().strip());
        Run unknown = run("ops", "remove", "never-added");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("no managed stream \"never-added\": `avqa streams list` shows the streams"),
                unknown.err());
    }

    @Test
    void anUnsupportedSourceExits2WithTheGatewaysReason() {
        Run r = run("ops", "add", "--id", "ftp-cam", "--source", "ftp://files.example/clip.mp4");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("the gateway refused the stream: unsupported source scheme 'ftp'"), r.err());
    }

    @Test
    void anUnreachableGatewayOrAMissingTokenExits1SayingWhatToCheck() {
        assumeNoEnvToken();
        Run noToken = run(null, "list");
        assertEquals(1, noToken.exit());
        assertTrue(noToken.err().startsWith("no access token: pass --token, set AVQA_TOKEN"), noToken.err());
        CommandLine cli = new CommandLine(new StreamsCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("list", "--home", home.toString(), "--url", "http://127.0.0.1:9", "--token", "ops");
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("cannot reach the gateway at http://127.0.0.1:9 ("), err.toString());
        assertTrue(err.toString().contains("is it running?"), err.toString());
    }

    @Test
    void helpShowsExamplesOfEverySubcommand() {
        Run help = run(null, "--help");
        assertEquals(0, help.exit());
        for (String example : new String[] {"avqa streams add --id door-cam --source", "avqa streams list",
                "avqa streams remove door-cam", "+admin"}) {
            assertTrue(help.out().contains(example), example + " missing from:\n" + help.out());
        }
    }

    private static void assumeNoEnvToken() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AVQA_TOKEN") == null,
                "AVQA_TOKEN is set: a token is never missing here");
    }
}
