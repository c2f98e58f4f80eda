package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's way in: Debian's chromium, headless, opens the page of the shared LibreOffice
 * server, uploads a document, picks a target and gets the converted file as a download, and
 * sees the last minutes of conversions charted.
 */
class WebPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static Path profile;
  private static Path downloads;
  private static ChromeDriverService service;
  private static WebDriver browser;
  private static String page;

  @BeforeAll
  static void open() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver (Debian packages) are not installed");
    page = "http://127.0.0.1:" + TestServers.office().port() + "/";
    profile = Files.createTempDirectory("cloudooo-chromium");
    downloads = Files.createTempDirectory("cloudooo-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "safebrowsing.enabled", false));
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (profile != null) {
      TestServers.deleteQuietly(profile);
      TestServers.deleteQuietly(downloads);
    }
  }

  private static WebDriverWait waiting(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static void choose(Path document) {
    browser.get(page);
    browser.findElement(By.id("file")).sendKeys(document.toAbsolutePath().toString());
    waiting(30).until(ExpectedConditions.elementToBeClickable(By.id("convert-button")));
  }

  private static void convertTo(String target) {
    new Select(browser.findElement(By.id("target"))).selectByValue(target);
    browser.findElement(By.id("convert-button")).click();
  }

  @Test
  void aDocumentUploadedIsConvertedAndDownloaded() throws Exception {
    choose(Path.of("tests-data", "hello.odt"));
    List<String> targets = new Select(browser.findElement(By.id("target"))).getOptions().stream()
        .map(option -> option.getAttribute("value")).toList();
    assertThat(targets).contains("pdf", "docx", "doc", "html");

    convertTo("pdf");
    Path pdf = downloads.resolve("hello.pdf");
    waiting(90).until(driver -> Files.exists(pdf) && !Files.exists(downloads.resolve("hello.pdf.crdownload")));
    byte[] data = Files.readAllBytes(pdf);
    assertThat(Documents.isPdf(data)).isTrue();
    assertThat(Documents.pdfText(data)).contains("The quick brown fox");
    WebElement message = browser.findElement(By.id("message"));
    assertThat(message.getAttribute("class")).isEqualTo("done");
    assertThat(message.getText()).startsWith("Converted in ").contains("Download hello.pdf");
  }

  @Test
  void aBadDocumentGetsAClearErrorMessage() throws Exception {
    Path notes = Files.createTempDirectory("cloudooo-upload").resolve("notes.docx");
    Files.writeString(notes, "just some text, not a Word document\n", StandardCharsets.UTF_8);
    try {
      choose(notes);
      convertTo("pdf");
      WebElement message = browser.findElement(By.id("message"));
      waiting(90).until(driver -> "error".equals(message.getAttribute("class")));
      assertThat(message.getText()).startsWith("The server could not convert notes.docx: ").contains("docx");
    } finally {
      TestServers.deleteQuietly(notes.getParent());
    }
  }

  @Test
  void aFileWithoutExtensionIsExplained() throws Exception {
    Path bare = Files.createTempDirectory("cloudooo-upload").resolve("README");
    Files.writeString(bare, "text\n", StandardCharsets.UTF_8);
    try {
      browser.get(page);
      browser.findElement(By.id("file")).sendKeys(bare.toString());
      WebElement message = browser.findElement(By.id("message"));
      waiting(10).until(driver -> "error".equals(message.getAttribute("class")));
      assertThat(message.getText()).contains("\"README\" has no extension");
      assertThat(browser.findElement(By.id("convert-button")).isEnabled()).isFalse();
    } finally {
      TestServers.deleteQuietly(bare.getParent());
    }
  }

  @Test
  void recentConversionsAreChartedPerPoolFromTheFirstLoad() throws Exception {
    // Converted before the page opens: the server's history, not the page, holds them.
    var client = new XmlRpcTestClient(TestServers.office().port());
    client.convert(TestServers.testData("hello.odt"), "odt", "pdf");
    client.convert(TestServers.testData("hello.odt"), "odt", "docx");
    JsonArray samples = new OpsHttp(TestServers.office().port()).json("/status")
        .getAsJsonObject("recent_conversions").getAsJsonObject("pools").getAsJsonArray("office");
    assertThat(samples).as("ten minutes of ten-second samples").hasSize(60);
    int conversions = 0;
    long longestP95 = 0;
    for (var sample : samples) {
      conversions += sample.getAsJsonObject().get("conversions").getAsInt();
      if (sample.getAsJsonObject().has("p95_ms")) {
        longestP95 = Math.max(longestP95, sample.getAsJsonObject().get("p95_ms").getAsLong());
      }
    }
    assertThat(conversions).isGreaterThanOrEqualTo(2);
    assertThat(longestP95).isPositive();

    browser.get(page);
    By rateLine = By.cssSelector("#rate-chart path[data-pool='office']");
    waiting(15).until(ExpectedConditions.presenceOfElementLocated(rateLine));
    double baseline = Double.parseDouble(
        browser.findElement(By.cssSelector("#rate-chart line.axis")).getAttribute("y1"));
    List<double[]> points = pathPoints(browser.findElement(rateLine).getAttribute("d"));
    assertThat(points).as("a point per sample").hasSize(60);
    assertThat(points.stream().mapToDouble(point -> point[1]).min().orElseThrow())
        .as("some conversions per second above zero").isLessThan(baseline);
    List<WebElement> latencyDots = browser.findElements(By.cssSelector("#latency-chart circle[data-pool='office']"));
    assertThat(latencyDots).isNotEmpty();
    assertThat(latencyDots).anySatisfy(dot -> assertThat(Double.parseDouble(dot.getAttribute("cy"))).isLessThan(baseline));
    assertThat(browser.findElement(By.id("chart-legend")).getText()).contains("office: ");
  }

  /** The (x, y) of each point of an SVG path of M and L commands. */
  private static List<double[]> pathPoints(String path) {
    return Pattern.compile("[ML]([-0-9.]+) ([-0-9.]+)").matcher(path).results()
        .map(m -> new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))}).toList();
  }

  @Test
  void theWorkersAreShownLive() {
    browser.get(page);
    waiting(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("worker-rows"), "office-"));
    // The table is rebuilt every refresh: read all of it in one script call, not cell by cell.
    @SuppressWarnings("unchecked")
    List<List<String>> table = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#worker-rows tr')].map(r => [...r.cells].map(c => c.textContent));");
    // Every pool shows: the pdf handler's threads too (they have a process only while busy).
    assertThat(table).extracting(row -> row.get(0)).contains("office", "pdf");
    List<List<String>> rows = table.stream().filter(row -> row.get(0).equals("office")).toList();
    assertThat(rows).as("two workers and a spare").hasSize(3);
    for (List<String> cells : rows) {
      assertThat(Long.parseLong(cells.get(2))).isPositive();
      assertThat(cells.get(3)).isIn("idle", "busy");
      assertThat(cells.get(5)).endsWith(" MB");
    }
    assertThat(browser.findElement(By.id("summary")).getText()).startsWith("Health: up");
    assertThat(browser.findElement(By.id("version")).getText()).startsWith("version ");
  }
}
