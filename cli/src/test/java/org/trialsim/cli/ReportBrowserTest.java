package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.trialsim.charts.HtmlReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report.html} in a real browser: Debian's chromium, headless, driven by chromedriver through Selenium.
 * For a ketamine scenario (Kaplan-Meier curves of two outcomes, state occupancy) and a group-sequential design
 * (boundaries, expected sample size, stopping per look), the page written by {@code trialsim run} (and again by
 * {@code trialsim report} from the folder) is opened from disk and checked as a reader sees it: every chart is
 * laid out with a non-zero size, every row of {@code power.json} is in a table with its estimate, MCSE and
 * interval as the page formats them, the browser logs no error, the page fetched nothing (it is self-contained),
 * and a screenshot 1280 pixels wide is written to {@code cli/target/report-screenshots/} for a person to look at.
 *
 * <p>The browser and driver are those of Debian's packages {@code chromium} and {@code chromium-driver}, which
 * the project's test command ({@code ./test}, what CI runs) installs where they are missing; Selenium is pointed
 * at them, so its manager never fetches a browser.
 */
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    private static ChromeDriver browser;
    @TempDir
    static Path profile;

    @BeforeAll
    static void startBrowser() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the browser test needs "
                + "Debian's chromium and chromium-driver: run ./test (which installs them) or apt-get install -y "
                + "chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("chromium"), "--window-size=1280,1000",
                "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theKetamineReportShowsEveryChartAndFigure(@TempDir Path dir) throws Exception {
        Path scenario = Cli.scenario(dir, "tiny.yaml");
        Path out = dir.resolve("tiny");
        Cli.Result run = Cli.run("run", scenario.toString(), "--reps", "400", "--out", out.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        List<String> charts = check(out, "tiny");
        assertTrue(charts.containsAll(List.of("power-curve", "type1", "km-relapse", "km-benzo_relapse", "occupancy")),
                charts.toString());

        // the same page from the folder by trialsim report
        Path again = dir.resolve("again.html");
        Cli.Result report = Cli.run("report", out.toString(), "--out", again.toString(), "-q");
        assertEquals(0, report.exit(), report.toString());
        assertEquals(Files.readString(out.resolve(ReportPage.FILE)), Files.readString(again));
    }

    @Test
    void theGroupSequentialReportShowsBoundariesAndStopping(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gs");
        Cli.Result run = Cli.run("run", Path.of("..", "examples", "group-sequential-binary-obf.yaml").toString(),
                "--reps", "400", "--out", out.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        List<String> charts = check(out, "group-sequential");
        assertTrue(charts.containsAll(List.of("power-curve", "type1", "expected-n", "stopping")), charts.toString());
        long looks = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#boundary-table tbody tr').length;");
        assertTrue(looks >= 2, "a row per look: " + looks);
    }

    /**
     * Opens the folder's report and checks it; writes the screenshot.
     *
     * @return the charts on the page, by name
     */
    @SuppressWarnings("unchecked")
    private static List<String> check(Path folder, String name) throws IOException {
        Path page = folder.resolve(ReportPage.FILE);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(page.toUri().toString());
        JavascriptExecutor js = browser;

        // every chart laid out with a size
        List<Map<String, Object>> charts = (List<Map<String, Object>>) js.executeScript(
                "return Array.from(document.querySelectorAll('figure.chart')).map(f => { const s = f.querySelector('svg');"
                        + " const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};"
                        + " return {name: f.dataset.chart, width: r.width, height: r.height,"
                        + " shapes: s ? s.querySelectorAll('path, line, rect, polyline, polygon').length : 0}; });");
        assertTrue(charts.size() >= 2, charts.toString());
        List<String> names = new ArrayList<>();
        for (Map<String, Object> c : charts) {
            names.add((String) c.get("name"));
            assertTrue(((Number) c.get("width")).doubleValue() > 100 && ((Number) c.get("height")).doubleValue() > 50,
                    "chart " + c);
            assertTrue(((Number) c.get("shapes")).intValue() > 10, "chart drawn: " + c);
        }

        // every row of power.json in a table, with the page's formatting of its figures
        JsonNode json = JsonMapper.builder().build().readTree(folder.resolve(ResultFolder.JSON).toFile());
        Map<String, List<String>> shown = (Map<String, List<String>>) js.executeScript(
                "const m = {}; document.querySelectorAll('table.figures tbody tr').forEach(tr => {"
                        + " m[tr.dataset.cell + '|' + tr.dataset.n + '|' + tr.dataset.measure] = ["
                        + " tr.querySelector('td.estimate').textContent, tr.querySelector('td.mcse').textContent,"
                        + " tr.querySelector('td.interval').textContent]; }); return m;");
        assertEquals(json.get("rows").size(), shown.size(), "one table row per result row");
        for (JsonNode row : json.get("rows")) {
            String key = row.get("cell").asString() + "|" + row.get("n_total").asInt() + "|"
                    + row.get("measure").asString();
            List<String> cells = shown.get(key);
            assertTrue(cells != null, "no table row for " + key);
            assertEquals(HtmlReport.figure(number(row, "estimate")), cells.get(0), key);
            assertEquals(HtmlReport.figure(number(row, "mc_se")), cells.get(1), key);
            assertEquals(HtmlReport.figure(number(row, "ci_lower")) + " to " + HtmlReport.figure(number(row,
                    "ci_upper")), cells.get(2), key);
        }
        String seed = (String) js.executeScript(
                "return Array.from(document.querySelectorAll('#provenance-table tr')).find(r => r.cells[0] && "
                        + "r.textContent.startsWith('seed')).cells[0].nextElementSibling.textContent;");
        assertEquals(json.get("provenance").get("seed").asString(), seed);

        // self-contained: nothing fetched, no error logged
        long fetched = (Long) js.executeScript("return performance.getEntriesByType('resource').length;");
        assertEquals(0, fetched, "the page fetched resources");
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), errors, "console errors");

        // a screenshot of the whole page, 1280 pixels wide
        long height = (Long) js.executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 200, 16000)));
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOTS);
        Path shot = SCREENSHOTS.resolve(name + ".png");
        Files.write(shot, png);
        assertEquals(1280, ImageIO.read(shot.toFile()).getWidth(), "screenshot width");
        return names;
    }

    private static double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v.isNull() ? Double.NaN : v.asDouble();
    }
}
