package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.it.LinkedDocuments.Linked;
import org.cloudooo.it.LinkedDocuments.Outcome;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Given a document linking to a loopback listener, when the server converts it, then LibreOffice
 * never asks the listener for anything, and the document is refused (or, where LibreOffice drops
 * the link at load, converted without it).
 */
class NoFetchIT {

  private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
  private static final byte[] PNG = png();
  private static HttpServer listener;
  private static XmlRpcTestClient client;

  @BeforeAll
  static void start() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
    listener = fiveDigitPortListener();
    listener.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      REQUESTS.computeIfAbsent(path.split("/")[1], kind -> new AtomicInteger()).incrementAndGet();
      byte[] body = path.endsWith(".png") ? PNG : new byte[0];
      exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    listener.start();
  }

  @AfterAll
  static void stop() {
    if (listener != null) {
      listener.stop(0);
    }
    // Nothing arrived later either (a fetch LibreOffice would have made in the background).
    assertThat(REQUESTS).as("requests per document").isEmpty();
  }

  static List<Linked> linkedDocuments() throws IOException {
    return LinkedDocuments.all(listener.getAddress().getPort());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linkedDocuments")
  void linkedContentIsNeverFetched(Linked document) {
    switch (document.outcome()) {
      case REFUSED -> assertThatThrownBy(() -> convert(document, false))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageContaining("This document contains unsafe links")
          .hasMessageContaining("/" + document.name() + "/");
      case LEFT_OUT -> {
        assertThat(convert(document, false)).isNotEmpty();
        // refresh updates links (UpdateAllLinks) after the checks: nothing is fetched then either.
        assertThat(convert(document, true)).isNotEmpty();
      }
    }
    assertThat(requests(document.name())).as("requests for " + document).isZero();
  }

  private static byte[] convert(Linked document, boolean refresh) {
    return client.convert(document.data(), document.format(), document.destination(), false, refresh);
  }

  @Test
  void embeddedImagesStillConvert() throws Exception {
    byte[] slides = client.convert(testData("slides.odp"), "odp", "pdf");
    assertThat(Documents.pdfText(slides)).contains("Quarterly Review");
    assertThat(Documents.pdfImages(slides)).isPositive();
    byte[] word = client.convert(testData("granulate.doc"), "doc", "pdf");
    assertThat(Documents.pdfText(word)).contains("Granulate Test Document");
    assertThat(Documents.pdfImages(word)).isEqualTo(2);
  }

  @Test
  void aZippedSiteKeepsItsRelativeImage() throws Exception {
    byte[] pdf = client.convert(testData("site.zip"), "zip", "pdf");
    assertThat(Documents.pdfText(pdf)).contains("Hello from the zip");
  }

  @Test
  void linksStayBlockedAfterSofficeCrashes() throws Exception {
    CloudoooServer server = TestServers.office();
    Map<String, Long> killed = new HashMap<>();
    for (WorkerStatus worker : TestServers.officePool(server).workers()) {
      if (worker.state() == WorkerState.IDLE && worker.pid() > 0) {
        killed.put(worker.id(), worker.pid());
        new ProcessBuilder("kill", "-KILL", String.valueOf(worker.pid())).start().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(killed).isNotEmpty();
    TestServers.await("every killed soffice replaced", Duration.ofSeconds(90), () -> TestServers.officePool(server)
        .workers().stream().filter(w -> killed.containsKey(w.id()))
        .allMatch(w -> w.state() == WorkerState.IDLE && w.pid() > 0 && w.pid() != killed.get(w.id())));
    int port = listener.getAddress().getPort();
    for (int i = 0; i < killed.size(); i++) { // each goes to the next free worker
      byte[] pdf = client.convert(LinkedDocuments.withPort("linked_inline_image.doc", port), "doc", "pdf");
      assertThat(Documents.pdfText(pdf)).contains("Linked image (as a character)");
    }
    assertThat(requests("word-inline-image")).isZero();
  }

  private static int requests(String kind) {
    AtomicInteger count = REQUESTS.get(kind);
    return count == null ? 0 : count.get();
  }

  /** The placeholder port of tests-data's binaries has five digits: so must the listener's. */
  static HttpServer fiveDigitPortListener() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      if (server.getAddress().getPort() >= 10000) {
        return server;
      }
      server.stop(0);
    }
    throw new IllegalStateException("no five-digit loopback port");
  }

  private static byte[] png() {
    try {
      return testData("dot.png");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
