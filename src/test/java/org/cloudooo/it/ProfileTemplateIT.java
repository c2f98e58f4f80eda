package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.testData;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a working path a server has run on, when the next server starts on it, then its workers
 * start from the LibreOffice profile the first one kept (none initialises a new profile, which
 * soffice shows by exiting with code 81, nor runs LibreOffice's render tests again), convert,
 * and still fetch nothing a document links to;
 * a kept profile that soffice cannot start from is dropped and made again.
 */
class ProfileTemplateIT {

  private static final String NEW_PROFILE = "exit code 81";
  private static final String EXPORTS_OF_DOCX = "<?xml version='1.0'?><methodCall><methodName>getAllowedExtensionList</methodName>"
      + "<params><param><value><struct><member><name>extension</name><value><string>docx</string></value></member>"
      + "</struct></value></param></params></methodCall>";

  private Path workingPath;
  private int unoPort;
  private HttpServer listener;
  private final AtomicInteger fetches = new AtomicInteger();
  /** Each server's workers' logs of LibreOffice's render tests, in the order the servers ran. */
  private final List<List<Path>> renderTestLogs = new ArrayList<>();
  /** Each server's answer to getAllowedExtensionList for docx, in the order they ran. */
  private final List<String> docxExports = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    workingPath = Files.createTempDirectory("cloudooo-template");
    unoPort = TestServers.freePortPair();
    listener = NoFetchIT.fiveDigitPortListener();
    listener.createContext("/", exchange -> {
      fetches.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    listener.start();
  }

  @AfterEach
  void stop() {
    listener.stop(0);
    TestServers.deleteQuietly(workingPath);
  }

  @Test
  void theNextServerStartsItsWorkersFromTheProfileTheFirstKept() throws Exception {
    String first = runServer();
    assertThat(first).contains(NEW_PROFILE).containsPattern("LibreOffice profile template \\S+ kept")
        .contains("filter tables: read over UNO, kept in");

    assertThat(renderTestLogs.get(0)).as("the seed's start ran LibreOffice's render tests").isNotEmpty();
    assertThat(Files.readString(template().resolve("user").resolve("registrymodifications.xcu")))
        .as("the version recorded in the template").contains("ooSetupLastVersion");

    String second = runServer();
    assertThat(renderTestLogs.get(1)).as("render tests run by starts from the template (4 CPU-s each)").isEmpty();
    assertThat(second).containsPattern("LibreOffice profile template \\S+ reused").doesNotContain(NEW_PROFILE)
        .contains("filter tables: as kept by an earlier start").doesNotContain("filter tables: read over UNO");
    assertThat(docxExports.get(1)).as("the formats offered from the kept tables").isEqualTo(docxExports.get(0)).contains("pdf");
    assertThat(fetches).as("requests to the linked image").hasValue(0);
  }

  @Test
  void aProfileSofficeCannotStartFromIsDroppedAndMadeAgain() throws Exception {
    // One worker without a spare: the first test has a spare start from the template.
    runServer(0);
    // A template that looks whole, yet soffice aborts on it (exit code 134).
    Path extensions = template().resolve("user").resolve("extensions");
    TestServers.deleteQuietly(extensions);
    Files.writeString(extensions, "not a directory");

    String broken = runServer(0);
    assertThat(broken).containsPattern("LibreOffice profile template \\S+ discarded: office-\\d+ did not start from it")
        .contains(NEW_PROFILE).containsPattern("LibreOffice profile template \\S+ kept");
    assertThat(template().resolve("user").resolve("extensions")).isDirectory();

    assertThat(runServer(0)).containsPattern("LibreOffice profile template \\S+ reused").doesNotContain(NEW_PROFILE);
  }

  private String runServer() throws Exception {
    return runServer(1);
  }

  /**
   * Runs a server with one worker and {@code spares} spares on the working path until it
   * accepts, converts an ODT and a Word file whose image is linked to the listener, stops it and
   * returns its log.
   */
  private String runServer(int spares) throws Exception {
    try (ServerProcess server = ServerProcess.startFromScratch(workingPath, "-Dserver.port=0", "-Dpool_size=1",
        "-Dspare_workers=" + spares, "-Dopenoffice_port=" + unoPort)) {
      var client = new XmlRpcTestClient(server.awaitPort());
      assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
      byte[] linked = LinkedDocuments.withPort("linked_inline_image.doc", listener.getAddress().getPort());
      assertThat(Documents.pdfText(client.convert(linked, "doc", "pdf"))).contains("Linked image (as a character)");
      docxExports.add(client.post(EXPORTS_OF_DOCX).body());
      renderTestLogs.add(workerRenderTestLogs());
      server.signal("TERM");
      assertThat(server.awaitExit()).as(server.output()).isZero();
      return server.output();
    }
  }

  /** The render tests' logs in the running workers' profiles: soffice writes one when it runs them at its start. */
  private List<Path> workerRenderTestLogs() throws Exception {
    try (Stream<Path> files = Files.walk(workingPath.resolve("office"))) {
      return files.filter(p -> p.getFileName().toString().equals("GraphicsRenderTests.log"))
          .filter(p -> p.getParent().getParent().getParent().getFileName().toString().startsWith("office-")).toList();
    }
  }

  private Path template() throws Exception {
    try (Stream<Path> entries = Files.list(workingPath.resolve("office"))) {
      List<Path> templates = entries.filter(p -> p.getFileName().toString().startsWith("profile-template-")).toList();
      assertThat(templates).hasSize(1);
      return templates.get(0);
    }
  }
}
