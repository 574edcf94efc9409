package io.avqa.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.avqa.app.browser.DashboardPage.Timeline;

/**
 * The dashboard's stream administration as an admin uses it, the second half of {@link DashboardBrowserE2E}: adds
 * a looping stream of the demo's own clip through the Add stream form (ingest cannot run {@code synthetic:}
 * sources; the demo resolves its concerts to the mp4 files it generated under its home), sees it go live, sees
 * two refusals in the form, and removes it with the tile's button and its confirm dialog. What the page shows is
 * compared with what the gateway's HTTP API says: the listing's {@code managed} flag, and the refusals' code and
 * message, which the page must show as the gateway wrote them.
 */
final class StreamAdminCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stream the test adds and removes. */
    private static final String ADDED = "stage-door";
    /** A stream the gateway refuses: ftp is none of the source schemes ingest reads. */
    private static final String REFUSED = "ftp-cam";
    private static final String REFUSED_SOURCE = "ftp://host/x";

    private final DashboardPage page;
    private final DemoProcess.Dashboard dashboard;
    private final String demoStream;
    private final Path home;
    private final Path target;

    /**
     * @param demoStream a stream the demo runs (not managed: started by the demo itself)
     * @param home       the demo's home, where it generated its clips
     * @param target     where the screenshot goes
     */
    StreamAdminCheck(DashboardPage page, DemoProcess.Dashboard dashboard, String demoStream, Path home, Path target) {
        this.page = page;
        this.dashboard = dashboard;
        this.demoStream = demoStream;
        this.home = home;
        this.target = target;
    }

    void run() throws Exception {
        page.awaitTile(demoStream, Duration.ofSeconds(60));
        page.await(Duration.ofSeconds(20), "no Add stream form for the demo's token (it has the admin grant)",
                d -> page.addFormShown());
        assertFalse(page.removeButtonShown(demoStream), "the demo's own stream is not managed: no remove button");
        Path clip = demoClip();

        addsAStreamThatGoesLive(clip);
        showsTheGatewaysRefusalsAndAddsNoTile(clip);
        removesTheStreamAfterTheConfirmDialog();
    }

    private void addsAStreamThatGoesLive(Path clip) throws Exception {
        page.addStream(ADDED, clip.toString(), 1, true);
        page.awaitTile(ADDED, Duration.ofSeconds(30));
        assertNull(page.addError(), "a successful add shows no error");
        assertEquals("", page.addFormId(), "the form is emptied after an add");
        assertTrue(page.streamChoices().contains(ADDED), "the question form offers the new stream: "
                + page.streamChoices());
        JsonNode listed = listed(ADDED);
        assertTrue(listed != null && listed.path("managed").asBoolean(), "GET /api/streams lists " + ADDED
                + " as managed: " + listed);
        assertEquals(clip.toString(), listed.path("source").asText(), "the source as typed: " + listed);
        assertTrue(listed.path("loop").asBoolean(), "loop as ticked: " + listed);
        assertEquals(1.0, listed.path("rate").asDouble(), "rate as typed: " + listed);
        assertTrue(page.removeButtonShown(ADDED), "an admin sees a remove button on a managed stream");

        // Live: ingest runs it (state LIVE) and its insights reach the tile, whose timeline advances.
        page.await(Duration.ofSeconds(120), () -> "the added stream did not go live; its tile says "
                + page.tileState(ADDED) + ", the API: " + listed(ADDED), d -> "LIVE".equals(page.tileState(ADDED)));
        Timeline first = page.awaitTimeline(ADDED, Duration.ofSeconds(120), "no insight of the added stream on its "
                + "timeline", t -> t.insights() > 0 && t.seq() >= 0);
        // Generous: on a busy machine features and the reasoner fall tens of seconds behind ingest (45 s seen on a
        // shared 2-core machine, both streams alike), and a new stream's seconds queue behind the older one's.
        page.awaitTimeline(ADDED, Duration.ofSeconds(90), "the added stream's timeline did not advance 3 s",
                t -> t.seq() >= first.seq() + 3);
    }

    private void showsTheGatewaysRefusalsAndAddsNoTile(Path clip) throws Exception {
        int tiles = page.tileCount();

        String badScheme = refusal(spec(REFUSED, REFUSED_SOURCE, false), 400, "INVALID_FIELD");
        page.addStream(REFUSED, REFUSED_SOURCE, 1, false);
        page.awaitAddError(badScheme, Duration.ofSeconds(30));
        page.scrollTo("#add-stream");
        page.screenshot(target.resolve("dashboard-admin.png"));

        String exists = refusal(spec(ADDED, clip.toString(), true), 409, "STREAM_EXISTS");
        page.addStream(ADDED, clip.toString(), 1, true);
        page.awaitAddError(exists, Duration.ofSeconds(30));

        assertEquals(tiles, page.tileCount(), "a refused add adds no tile");
        assertFalse(page.hasTile(REFUSED), "no tile for the refused " + REFUSED);
        assertNull(listed(REFUSED), "the gateway does not list the refused " + REFUSED);
    }

    private void removesTheStreamAfterTheConfirmDialog() throws Exception {
        long demoSeq = page.timeline(demoStream).seq();
        String question = page.removeAccepting(ADDED, Duration.ofSeconds(10));
        assertTrue(question.contains(ADDED), "the confirm dialog names the stream: " + question);
        page.await(Duration.ofSeconds(30), () -> "the removed stream's tile stayed; the form's error line: "
                + page.addError(), d -> !page.hasTile(ADDED));
        assertFalse(page.streamChoices().contains(ADDED), "the question form no longer offers " + ADDED);
        JsonNode after = listed(ADDED);
        assertTrue(after == null || !after.path("managed").asBoolean(), "GET /api/streams still lists " + ADDED
                + " as managed: " + after);

        // Ingest stops the stream and reports it ENDED; the page's next listing must not bring the tile back.
        page.await(Duration.ofSeconds(60), () -> "ingest did not end the removed stream: " + listed(ADDED), d -> {
            JsonNode s = listed(ADDED);
            return s == null || "ENDED".equals(s.path("state").asText());
        });
        int listings = page.listings();
        page.await(Duration.ofSeconds(30), "the page did not list the streams again", d -> page.listings() > listings);
        assertFalse(page.hasTile(ADDED), "the removed stream's tile came back with the next listing, state "
                + page.tileState(ADDED) + "; the API lists it as " + listed(ADDED));

        assertTrue(page.hasTile(demoStream), "the demo's stream keeps its tile");
        page.awaitTimeline(demoStream, Duration.ofSeconds(60), "the demo's stream stopped moving after the removal",
                t -> t.seq() > demoSeq);
    }

    /** The clip the demo generated first (the one its first concert plays): a source ingest can run. */
    private Path demoClip() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("demo-clips/videos"))) {
            return files.filter(p -> p.toString().endsWith(".mp4")).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no demo clip under " + home.resolve("demo-clips/videos")));
        }
    }

    private static String spec(String id, String source, boolean loop) {
        ObjectNode spec = JSON.createObjectNode().put("id", id).put("source", source).put("rate", 1).put("loop", loop);
        return spec.toString();
    }

    /**
     * POSTs the spec the page is about to send, expecting a refusal (which changes nothing), and returns the
     * gateway's words as the page shows them: "CODE: message".
     */
    private String refusal(String spec, int status, String code) throws Exception {
        HttpResponse<String> response = dashboard.send("POST", "/api/streams", spec);
        assertEquals(status, response.statusCode(), spec + " -> " + response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(code, error.path("code").asText(), response.body());
        return code + ": " + error.path("message").asText();
    }

    /** The stream as {@code GET /api/streams} lists it for the demo's token, or null when it is not listed. */
    private JsonNode listed(String stream) {
        try {
            HttpResponse<String> response = dashboard.send("GET", "/api/streams", null);
            assertEquals(200, response.statusCode(), "GET /api/streams: " + response.body());
            for (JsonNode s : JSON.readTree(response.body()).path("streams")) {
                if (stream.equals(s.path("stream").asText())) {
                    return s;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/streams failed: " + e, e);
        }
    }
}
