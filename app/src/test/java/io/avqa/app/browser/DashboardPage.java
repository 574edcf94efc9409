package io.avqa.app.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a test sees it: what the canvases drew is read from the data- attributes the page keeps
 * in step with them, and from the pixels themselves ({@code getImageData}). Every wait polls the page
 * (WebDriverWait); none sleeps.
 */
final class DashboardPage {
    /** The presence timeline of one tile: latest seq, insights in the window, category rows, sounding cells, and its pixels as a PNG data URL. */
    record Timeline(long seq, int insights, int rows, int cells, String pixels) {
        @Override
        public String toString() {
            return "Timeline[seq=" + seq + ", insights=" + insights + ", rows=" + rows + ", cells=" + cells
                    + ", pixels=#" + Integer.toHexString(pixels.hashCode()) + "]";
        }
    }

    /** One option of the question box's suggestion list. */
    record Suggestion(int index, String text, String template, String type, List<String> instruments) {
    }

    /** The newest answer card: its client id, status, confidence, T (temporal steps), the socket it came on. */
    record AnswerCard(String id, String status, double confidence, int steps, int revision, int connection,
            String value, String detail) {
    }

    private final ChromeDriver driver;

    DashboardPage(ChromeDriver driver) {
        this.driver = driver;
    }

    void open(String url) {
        driver.get(url);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    <T> T await(Duration timeout, String what, Function<ChromeDriver, T> condition) {
        return await(timeout, () -> what, condition);
    }

    /** Polls the condition every 200 ms until it gives a non-null, non-false value; the message is built on failure. */
    <T> T await(Duration timeout, Supplier<String> what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.apply((ChromeDriver) d));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String tile(String stream) {
        return "[data-testid=stream-tile][data-stream='" + stream + "']";
    }

    void awaitTile(String stream, Duration timeout) {
        await(timeout, "no tile for stream " + stream, d -> !d.findElements(By.cssSelector(tile(stream))).isEmpty());
    }

    Timeline timeline(String stream) {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) js("""
                const c = document.querySelector(arguments[0] + ' [data-testid=presence-timeline]');
                return {seq: c.dataset.seq, insights: c.dataset.insights, rows: c.dataset.rows, cells: c.dataset.cells,
                        pixels: c.toDataURL()};""", tile(stream));
        return new Timeline(number(t.get("seq")), (int) number(t.get("insights")), (int) number(t.get("rows")),
                (int) number(t.get("cells")), String.valueOf(t.get("pixels")));
    }

    Timeline awaitTimeline(String stream, Duration timeout, String what, Predicate<Timeline> condition) {
        return await(timeout, () -> what + "; last seen: " + timeline(stream), d -> {
            Timeline t = timeline(stream);
            return condition.test(t) ? t : null;
        });
    }

    /** Number of bars the tile's temporal attention strip drew. */
    int attentionBars(String stream) {
        return (int) number(js("return document.querySelector(arguments[0] + ' [data-testid=attention-strip]').dataset.bars;",
                tile(stream)));
    }

    /** Fraction of the canvas's pixels that are not fully transparent, read back from the canvas itself. */
    double paintedFraction(String canvasSelector) {
        return ((Number) js("""
                const c = document.querySelector(arguments[0]);
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
                return painted / (c.width * c.height);""", canvasSelector)).doubleValue();
    }

    static String heatMap(String stream) {
        return tile(stream) + " [data-testid=heat-map]";
    }

    static String attentionStrip(String stream) {
        return tile(stream) + " [data-testid=attention-strip]";
    }

    boolean heatMapDrawn(String stream) {
        return "true".equals(js("return document.querySelector(arguments[0]).dataset.drawn;", heatMap(stream)));
    }

    /** The instruments the page put into the suggestions (the selected stream's, most likely first). */
    List<String> suggestedInstruments() {
        String list = driver.findElement(By.id("suggestions")).getDomAttribute("data-instruments");
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    /** Types into the question box and returns the suggestion list it opens. */
    List<Suggestion> type(String text) {
        WebElement input = driver.findElement(By.id("ask-text"));
        input.clear();
        input.sendKeys(text);
        return await(Duration.ofSeconds(5), "no suggestion list opened for '" + text + "'", d -> {
            List<Suggestion> s = suggestions();
            return s.isEmpty() ? null : s;
        });
    }

    @SuppressWarnings("unchecked")
    List<Suggestion> suggestions() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) js("""
                const list = document.getElementById('suggestions');
                if (list.hidden) return [];
                return [...list.querySelectorAll('[data-testid=suggestion]')].map(li => ({
                  index: li.dataset.index, text: li.querySelector('.text').textContent, template: li.dataset.template,
                  type: li.dataset.type, instruments: li.dataset.instruments}));""");
        return raw.stream().map(m -> new Suggestion((int) number(m.get("index")), (String) m.get("text"),
                (String) m.get("template"), (String) m.get("type"),
                ((String) m.get("instruments")).isEmpty() ? List.of() : List.of(((String) m.get("instruments")).split(","))))
                .toList();
    }

    /** Moves down the open suggestion list with the arrow key and picks with Enter; returns the question box's text. */
    String pickWithKeyboard(int downs) {
        WebElement input = driver.findElement(By.id("ask-text"));
        for (int i = 0; i < downs; i++) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        input.sendKeys(Keys.ENTER);
        return question();
    }

    /** Clicks a suggestion as a user would; returns what the question box then holds. */
    String pick(Suggestion suggestion) {
        await(Duration.ofSeconds(5), "cannot click suggestion " + suggestion, d -> {
            d.findElement(By.cssSelector("#suggestions [data-index='" + suggestion.index() + "']")).click();
            return true;
        });
        return question();
    }

    String question() {
        return driver.findElement(By.id("ask-text")).getDomProperty("value");
    }

    /** The template the picked suggestion came from (the input keeps it in data-template). */
    String pickedTemplate() {
        return driver.findElement(By.id("ask-text")).getDomAttribute("data-template");
    }

    boolean suggestionsOpen() {
        return driver.findElement(By.id("suggestions")).isDisplayed();
    }

    /** Sends the question box's text in the given mode ("once" or "standing"); returns the new card's id. */
    String ask(String mode) {
        String before = newestAnswer() == null ? "" : newestAnswer().id();
        new Select(driver.findElement(By.id("ask-mode"))).selectByValue(mode);
        driver.findElement(By.id("ask-button")).click();
        return await(Duration.ofSeconds(5), "asking added no answer card", d -> {
            AnswerCard card = newestAnswer();
            return card != null && !card.id().equals(before) ? card.id() : null;
        });
    }

    AnswerCard newestAnswer() {
        return answer(null);
    }

    /** The card with this client id (null: the newest), or null when there is none. */
    AnswerCard answer(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("""
                const el = arguments[0] ? document.querySelector(`#answers [data-id='${arguments[0]}']`)
                                        : document.querySelector('#answers [data-testid=answer]');
                if (!el) return null;
                return Object.assign({value: el.querySelector('[data-testid=answer-value]').textContent,
                                      detail: el.querySelector('.status').textContent}, el.dataset);""", id);
        if (m == null) {
            return null;
        }
        return new AnswerCard((String) m.get("id"), (String) m.get("status"), decimal(m.get("confidence")),
                (int) number(m.get("t")), (int) number(m.get("revision")), (int) number(m.get("connection")),
                (String) m.get("value"), (String) m.get("detail"));
    }

    AnswerCard awaitAnswer(String id, Duration timeout, String what, Predicate<AnswerCard> condition) {
        return await(timeout, () -> what + "; card: " + answer(id), d -> {
            AnswerCard card = answer(id);
            return card != null && condition.test(card) ? card : null;
        });
    }

    // ---------- stream tiles and their administration (admin tokens) ----------

    boolean hasTile(String stream) {
        return !driver.findElements(By.cssSelector(tile(stream))).isEmpty();
    }

    int tileCount() {
        return driver.findElements(By.cssSelector("[data-testid=stream-tile]")).size();
    }

    /** The tile's state as its badge shows it (the status's state, PENDING for an added stream), or null. */
    String tileState(String stream) {
        List<WebElement> tiles = driver.findElements(By.cssSelector(tile(stream)));
        return tiles.isEmpty() ? null : tiles.get(0).getDomAttribute("data-state");
    }

    /** The streams offered in the question form's stream picker. */
    List<String> streamChoices() {
        return new Select(driver.findElement(By.id("ask-stream"))).getOptions().stream()
                .map(o -> o.getDomProperty("value")).toList();
    }

    /** How many stream listings (GET /api/streams, on load, after an add and every 10 s) the page has applied. */
    int listings() {
        return (int) number(driver.findElement(By.id("streams")).getDomAttribute("data-listings"));
    }

    boolean addFormShown() {
        return driver.findElement(By.id("add-stream")).isDisplayed();
    }

    /** Fills in the Add stream form as a user would and clicks Add. */
    void addStream(String id, String source, double rate, boolean loop) {
        fill(By.id("add-id"), id);
        fill(By.id("add-source"), source);
        fill(By.id("add-rate"), rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate));
        WebElement box = driver.findElement(By.id("add-loop"));
        if (box.isSelected() != loop) {
            box.click();
        }
        driver.findElement(By.id("add-button")).click();
    }

    String addFormId() {
        return driver.findElement(By.id("add-id")).getDomProperty("value");
    }

    /** Waits until the form's error line shows exactly {@code expected}; the failure names what it showed. */
    void awaitAddError(String expected, Duration timeout) {
        await(timeout, () -> "the Add stream form did not show \"" + expected + "\"; it shows: " + addError(),
                d -> expected.equals(addError()));
    }

    /** The form's error line, or null while it is hidden. */
    String addError() {
        WebElement error = driver.findElement(By.id("add-error"));
        return error.isDisplayed() ? error.getText() : null;
    }

    boolean removeButtonShown(String stream) {
        return driver.findElement(By.cssSelector(tile(stream) + " [data-testid=remove-stream]")).isDisplayed();
    }

    /** Clicks the tile's remove button and accepts the confirm dialog; returns the dialog's question. */
    String removeAccepting(String stream, Duration timeout) {
        driver.findElement(By.cssSelector(tile(stream) + " [data-testid=remove-stream]")).click();
        // nothing but the alert may be touched now: chromedriver dismisses an open dialog on any other command
        Alert dialog = new WebDriverWait(driver, timeout).withMessage("no confirm dialog for removing " + stream)
                .until(ExpectedConditions.alertIsPresent());
        String question = dialog.getText();
        dialog.accept();
        return question;
    }

    /** Scrolls the element into the middle of the viewport (before a screenshot). */
    void scrollTo(String selector) {
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", selector);
    }

    private void fill(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** The connection badge: "up"/"down" and how many sockets the page has opened. */
    record Connection(String state, int connects, String text) {
    }

    Connection connection() {
        WebElement conn = driver.findElement(By.id("conn"));
        return new Connection(conn.getDomAttribute("data-state"), (int) number(conn.getDomAttribute("data-connects")),
                conn.getText());
    }

    /** Forgets the tab's token (kept in sessionStorage) and opens the page at this URL. */
    void openWithoutToken(String url) {
        js("sessionStorage.clear();");
        driver.get(url);
    }

    boolean loginShown() {
        return driver.findElement(By.id("login")).isDisplayed();
    }

    /** Types a token into the login form and submits it. */
    void logIn(String token) {
        WebElement field = driver.findElement(By.id("login-token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#login-form button")).click();
    }

    /** Closes the page's own WebSocket, as a dropped network would. */
    void dropSocket() {
        js("window.avqa.connection.socket.close();");
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        await(Duration.ofSeconds(5), "the window did not become " + width + " wide",
                d -> ((Number) js("return window.innerWidth;")).intValue() == width);
    }

    /** How far the page is wider than the viewport (0: no horizontal scrolling). */
    int horizontalOverflow() {
        return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue();
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long number(Object value) {
        if (value == null) {
            return -1;
        }
        return value instanceof Number n ? n.longValue() : (long) Double.parseDouble(value.toString());
    }

    private static double decimal(Object value) {
        return value == null ? Double.NaN : Double.parseDouble(value.toString());
    }
}
