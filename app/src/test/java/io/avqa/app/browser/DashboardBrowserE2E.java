package io.avqa.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.app.browser.DashboardPage.AnswerCard;
import io.avqa.app.browser.DashboardPage.Suggestion;
import io.avqa.app.browser.DashboardPage.Timeline;

/**
 * The live dashboard in a real browser: {@code avqa demo} from the shaded jar, headless Chromium on the URL it
 * prints; one demo for both tests, which run in order. The first: the page shows a stream tile whose presence
 * timeline moves, suggests questions from {@code /api/questions/templates} with the stream's instruments filled
 * in, answers a question asked through the page with a confidence, the spatial heat map over the scene and one
 * attention bar per window step, fits a phone screen, and keeps answering after its socket drops. The second,
 * with the demo's token (which has the admin grant): the Add stream form adds a looping stream of the demo's own
 * clip, whose tile goes live and which {@code GET /api/streams} lists as managed; a source the gateway refuses
 * and an id that exists show the gateway's error in the form and add no tile; the tile's remove button, once
 * its confirm dialog is accepted, removes the stream, whose tile stays gone, while the demo's stream goes on.
 * Screenshots for people: {@code app/target/dashboard.png}, {@code app/target/dashboard-phone.png} and
 * {@code app/target/dashboard-admin.png}; on a failure {@code dashboard-failure.png} or
 * {@code dashboard-admin-failure.png}.
 *
 * <p>Not covered: that the form stays hidden for a token without the admin grant. The demo has one token, always
 * an admin's ({@code LocalStack}); the gateway's own tests check that such a token is told {@code "admin": false}.
 *
 * <p>Run alone: {@code mvn -B -q -DskipTests install}, then
 * {@code mvn -B verify -Pe2e -pl app -Dit.test=DashboardBrowserE2E}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (installed by {@code .ci/run}).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserE2E {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "concert-1";
    /** A category is present when its audio or visual probability is above this (the page's PRESENT). */
    private static final double PRESENT = 0.5;
    /** With none present, the page shows (and suggests) the three most likely categories above this floor. */
    private static final int LIKELY_ROWS = 3;
    private static final double LIKELY_FLOOR = 0.02;

    @TempDir
    static Path home;

    private Path root;
    private Path target;
    private HeadlessChromium browser;
    private DemoProcess demo;
    private DemoProcess.Dashboard dashboard;
    private DashboardPage page;

    @BeforeAll
    void startDemoAndBrowser() throws Exception {
        root = Path.of(System.getProperty("avqa.root", "..")).toAbsolutePath().normalize();
        target = root.resolve("app/target");
        browser = HeadlessChromium.start(target.resolve("chromedriver.log"));
        demo = DemoProcess.start(root, home, 1);
        try {
            dashboard = demo.awaitDashboard(Duration.ofSeconds(240));
        } catch (TimeoutException e) {
            throw new AssertionError("the demo printed no dashboard URL within 240 s; its output:\n" + demo.output(), e);
        }
        page = new DashboardPage(browser.driver());
    }

    @AfterAll
    void stopDemoAndBrowser() throws Exception {
        try { // null when start-up failed before it
            if (demo != null) {
                demo.close();
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    @Order(1)
    void showsALiveStreamAnswersQuestionsAskedOnThePageAndSurvivesADroppedSocket() throws Exception {
        int steps = JSON.readTree(root.resolve("models/sasr-synth/model.json").toFile()).path("steps").asInt();
        page.open(dashboard.url());
        withEvidence("dashboard-failure.png", () -> checkDashboard(page, dashboard, steps, target));
    }

    @Test
    @Order(2)
    void anAdminTokenAddsAStreamThatGoesLiveSeesRefusalsInTheFormAndRemovesIt() throws Exception {
        page.open(dashboard.url());
        withEvidence("dashboard-admin-failure.png", () -> new StreamAdminCheck(page, dashboard, STREAM, home, target).run());
    }

    /** A page check that may throw. */
    private interface Check {
        void run() throws Exception;
    }

    /** Runs the check; on a failure keeps a screenshot and adds the demo's output to the message. */
    private void withEvidence(String screenshot, Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            try {
                page.screenshot(target.resolve(screenshot));
            } catch (RuntimeException screenshotFailed) {
                e.addSuppressed(screenshotFailed);
            }
            throw new AssertionError(e.getMessage() + "\n(screenshot: app/target/" + screenshot + ")\n"
                    + "demo output:\n" + demo.output(), e);
        }
    }

    private void checkDashboard(DashboardPage page, DemoProcess.Dashboard dashboard, int steps, Path target)
            throws Exception {
        page.awaitTile(STREAM, Duration.ofSeconds(30));
        assertFalse(page.currentUrl().contains(dashboard.token()), "the token stays out of the address bar: "
                + page.currentUrl());

        // A live tile: the presence timeline has instrument rows and moves as seconds pass.
        Timeline first = page.awaitTimeline(STREAM, Duration.ofSeconds(60), "no instrument row on the timeline",
                t -> t.rows() > 0 && t.cells() > 0);
        Timeline later = page.awaitTimeline(STREAM, Duration.ofSeconds(20), "the timeline did not advance 3 s",
                t -> t.seq() >= first.seq() + 3);
        assertNotEquals(first.pixels(), later.pixels(), "the timeline drew the same picture 3 s later");
        assertTrue(later.insights() > first.insights() || later.insights() == 60, "the window grows to 60 s: "
                + first + " -> " + later);

        // Suggestions: the MUSIC-AVQA templates with an instrument this stream really has.
        JsonNode templates = getJson(dashboard, "/api/questions/templates");
        Map<String, Pattern> patterns = templatePatterns(templates);
        List<String> offered = page.suggestedInstruments();
        Set<String> present = streamInstruments(getJson(dashboard, "/api/streams/" + STREAM));
        assertFalse(offered.isEmpty(), "the page fills suggestions with the stream's instruments");
        assertTrue(present.containsAll(offered), "the page's instruments " + offered
                + " are the stream's by the API's insights: " + present);
        String instrument = offered.get(0);
        List<Suggestion> suggestions = page.type(instrument);
        for (Suggestion s : suggestions) {
            assertTrue(s.text().contains(instrument), "typed '" + instrument + "', suggested: " + s);
            Pattern pattern = patterns.get(s.template());
            assertTrue(pattern != null && pattern.matcher(s.text()).matches(), "not a served template: " + s);
            assertTrue(present.containsAll(s.instruments()), s + " names an instrument the stream lacks; present: "
                    + present);
        }
        Suggestion chosen = suggestions.stream().filter(s -> s.instruments().size() == 1).findFirst()
                .orElseThrow(() -> new AssertionError("no one-instrument suggestion among " + suggestions));
        String question = page.pick(chosen);
        assertEquals(chosen.text(), question, "picking a suggestion puts it in the question box");
        assertFalse(page.suggestionsOpen(), "the list closes after a pick");

        // Ask once: an answer with a confidence, the heat map over the scene, T attention bars.
        page.awaitTimeline(STREAM, Duration.ofSeconds(30), "the reasoner's window needs " + steps + " s",
                t -> t.insights() >= steps);
        AnswerCard answer = askUntilOk(page, "once", Duration.ofSeconds(45));
        assertTrue(answer.confidence() > 0 && answer.confidence() <= 1, "confidence in (0, 1]: " + answer);
        assertTrue(answer.detail().matches("\\d+% · .*"), "the card shows the confidence: " + answer);
        assertEquals(steps, answer.steps(), "temporal attention over the window's steps: " + answer);
        assertEquals(steps, page.attentionBars(STREAM), "one attention bar per step under the timeline");
        assertTrue(page.paintedFraction(DashboardPage.attentionStrip(STREAM)) > 0, "attention bars painted");
        assertTrue(page.heatMapDrawn(STREAM), "the heat map is drawn over the scene");
        assertTrue(page.paintedFraction(DashboardPage.heatMap(STREAM)) > 0.9, "the heat map covers the scene");
        assertTrue(page.paintedFraction("#answers [data-id='" + answer.id() + "'] .spatial") > 0.9,
                "the answer card shows its spatial map");
        page.screenshot(target.resolve("dashboard.png"));

        // A phone: everything fits the width.
        page.resize(390, 844);
        assertTrue(page.horizontalOverflow() <= 0, "no horizontal scrolling on a 390 px phone: "
                + page.horizontalOverflow() + " px too wide");
        page.screenshot(target.resolve("dashboard-phone.png"));
        page.resize(1280, 900);

        // The keyboard works the list too: arrow down to the second suggestion, Enter puts it in the box.
        List<Suggestion> again = page.type(instrument);
        assertTrue(again.size() >= 2, "at least two suggestions name " + instrument + ": " + again);
        assertEquals(again.get(1).text(), page.pickWithKeyboard(2), "arrow down twice + Enter picks the second");
        page.type(question); // back to the question known to be answered: typed in full this time

        // A standing question, then the socket drops: the page reconnects, asks it again, and answers go on.
        AnswerCard standing = askUntilOk(page, "standing", Duration.ofSeconds(30));
        assertEquals(1, standing.connection(), "first answers come on the first socket");
        page.dropSocket();
        page.await(Duration.ofSeconds(15), () -> "the page did not reconnect; badge: " + page.connection(),
                d -> page.connection().connects() == 2 && "up".equals(page.connection().state()));
        page.awaitAnswer(standing.id(), Duration.ofSeconds(20), "the standing question was not resumed",
                c -> c.connection() == 2 && "OK".equals(c.status()));
        AnswerCard afterDrop = askUntilOk(page, "once", Duration.ofSeconds(30));
        assertEquals(2, afterDrop.connection(), "answered on the new socket: " + afterDrop);

        // Without a token in the URL or the tab, the page asks for one; a wrong one is refused, the right one works.
        page.openWithoutToken(dashboard.base());
        page.await(Duration.ofSeconds(10), "no login form without a token", d -> page.loginShown());
        page.logIn("not-" + dashboard.token());
        page.await(Duration.ofSeconds(10), () -> "a wrong token is not refused: " + page.connection(),
                d -> page.connection().text().equals("token refused") && page.loginShown());
        page.logIn(dashboard.token());
        page.await(Duration.ofSeconds(10), () -> "the right token does not connect: " + page.connection(),
                d -> "up".equals(page.connection().state()) && !page.loginShown());
        page.awaitTile(STREAM, Duration.ofSeconds(15));
    }

    /**
     * Asks the question box's text until an OK answer: right after start-up the reasoner may not know the stream
     * yet or its window may not be full (UNKNOWN_STREAM, NO_DATA); anything else is a failure.
     */
    private static AnswerCard askUntilOk(DashboardPage page, String mode, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String id = page.ask(mode);
            AnswerCard card = page.awaitAnswer(id, Duration.ofSeconds(15), "no answer to " + mode + " question " + id,
                    c -> c.status() != null);
            if ("OK".equals(card.status())) {
                return card;
            }
            assertTrue(Set.of("UNKNOWN_STREAM", "NO_DATA").contains(card.status()),
                    "only a starting stream may delay an answer: " + card);
            if (System.nanoTime() > deadline) {
                fail("no OK answer within " + timeout + "; last: " + card);
            }
            long seq = page.timeline(STREAM).seq();
            page.awaitTimeline(STREAM, Duration.ofSeconds(5), "no new second", t -> t.seq() > seq);
        }
    }

    /** Each served template as a pattern: every slot matches a non-empty run of text. */
    private static Map<String, Pattern> templatePatterns(JsonNode templates) {
        Map<String, Pattern> patterns = new HashMap<>();
        for (JsonNode t : templates.path("templates")) {
            String template = t.path("template").asText();
            StringBuilder regex = new StringBuilder();
            for (String part : template.split("<\\w+>", -1)) {
                if (!regex.isEmpty()) {
                    regex.append("(.+?)");
                }
                regex.append(Pattern.quote(part));
            }
            patterns.put(template, Pattern.compile(regex.toString()));
        }
        assertTrue(patterns.size() > 30, "the MUSIC-AVQA templates are served: " + patterns.size());
        return patterns;
    }

    /**
     * The stream's instruments by the gateway's HTTP API (its last 60 insights): the categories above PRESENT at
     * some second, or, when none is, the three most likely by their peak, as the dashboard's timeline shows them.
     */
    private static Set<String> streamInstruments(JsonNode stream) {
        Map<String, Double> peak = new HashMap<>();
        for (JsonNode insight : stream.path("recentInsights")) {
            for (int i = 0; i < insight.path("categories").size(); i++) {
                peak.merge(insight.path("categories").get(i).asText(), Math.max(insight.path("audioPresence").get(i)
                        .asDouble(), insight.path("visualPresence").get(i).asDouble()), Math::max);
            }
        }
        List<Map.Entry<String, Double>> ranked = peak.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        Set<String> present = new HashSet<>();
        ranked.stream().filter(e -> e.getValue() > PRESENT).forEach(e -> present.add(e.getKey()));
        if (present.isEmpty()) {
            ranked.stream().filter(e -> e.getValue() > LIKELY_FLOOR).limit(LIKELY_ROWS)
                    .forEach(e -> present.add(e.getKey()));
        }
        return present;
    }

    private static JsonNode getJson(DemoProcess.Dashboard dashboard, String path) throws Exception {
        HttpResponse<String> response = dashboard.send("GET", path, null);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
