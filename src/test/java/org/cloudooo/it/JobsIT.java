package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs on the shared office server: submitted at once, polled, collected by content; batches, deletes, webhooks, macros. */
class JobsIT {

  /** A document to convert and what its result must hold. */
  private record Sample(String file, String source, String destination, Check check) {}

  @FunctionalInterface
  private interface Check {
    boolean holds(byte[] result) throws IOException;
  }

  private static final String FOX = "The quick brown fox jumps over the lazy dog";
  private static final List<Sample> MIXED = List.of(
      new Sample("hello.odt", "odt", "pdf", pdf -> Documents.pdfText(pdf).contains(FOX)),
      new Sample("hello.docx", "docx", "pdf", pdf -> Documents.pdfText(pdf).contains(FOX)),
      new Sample("hello.doc", "doc", "odt", odt -> Documents.odfText(odt).contains(FOX)),
      new Sample("sheet.xlsx", "xlsx", "ods", ods -> Documents.odfText(ods).contains("Coffee")),
      new Sample("sheet.ods", "ods", "pdf", pdf -> Documents.pdfText(pdf).contains("Coffee")),
      new Sample("slides.odp", "odp", "pdf", pdf -> Documents.pdfText(pdf).contains("Quarterly Review")),
      new Sample("page.html", "html", "odt", odt -> Documents.odfText(odt).contains("Hello HTML")),
      new Sample("utf8.csv", "csv", "html", html -> Documents.html(html).contains("Zürich")),
      new Sample("hello.odt", "odt", "ms.docx", docx -> Documents.zipText(docx, "word/document.xml").contains(FOX)),
      new Sample("semicolon.csv", "csv", "ods", ods -> Documents.odfText(ods).contains("x")));

  private static CloudoooServer server;
  private static JobClient jobs;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServers.office();
    jobs = new JobClient(server.port());
  }

  @Test
  void twentyJobsOverXmlRpcAndTwentyOverHttpAllComeBackRight() throws Exception {
    Map<String, Sample> submitted = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      Sample sample = MIXED.get(i % MIXED.size());
      submitted.put(jobs.submit(testData(sample.file()), sample.source(), sample.destination()), sample);
    }
    for (int i = 0; i < 20; i++) {
      Sample sample = MIXED.get(i % MIXED.size());
      submitted.put(jobs.postJob(Map.of("destination_format", sample.destination()), Map.of(sample.file(), testData(sample.file()))),
          sample);
    }
    // Behind 40 jobs, one more waits: deleting it cancels it.
    String cancelled = jobs.submit(testData("hello.odt"), "odt", "pdf");
    assertThat(jobs.status(cancelled)).containsEntry("state", "queued").extractingByKey("position").isNotNull();
    assertThat(jobs.rpc.call("deleteJob", cancelled)).isEqualTo(true);
    assertThat(jobs.state(cancelled)).isEqualTo("cancelled");
    assertThatThrownBy(() -> jobs.result(cancelled)).hasMessageStartingWith("Cancelled:job " + cancelled + " was cancelled");

    var finished = jobs.awaitFinished(new ArrayList<>(submitted.keySet()), Duration.ofMinutes(6));
    List<String> tickets = new ArrayList<>(submitted.keySet());
    for (int i = 0; i < tickets.size(); i++) {
      String ticket = tickets.get(i);
      Sample sample = submitted.get(ticket);
      assertThat(finished.get(ticket)).as(sample.toString()).containsEntry("state", "done").containsEntry("error", null);
      byte[] result = i < 20 ? jobs.result(ticket) : jobs.httpResult(ticket).body();
      assertThat(sample.check().holds(result)).as(sample + " by content").isTrue();
      assertThat(finished.get(ticket).get("result_size")).isEqualTo(result.length);
    }
    HttpResponse<byte[]> overHttp = jobs.httpResult(tickets.get(20));
    assertThat(overHttp.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(overHttp.headers().firstValue("Content-Disposition").orElse("")).contains("filename=\"hello.pdf\"");
    assertThat(JobClient.json(jobs.http.get("/jobs/" + tickets.get(21))).get("state").getAsString()).isEqualTo("done");
    assertThat(jobs.http.send(HttpRequest.newBuilder(jobs.http.uri("/jobs/" + tickets.get(21))).DELETE()).statusCode())
        .isEqualTo(200);
    assertThat(jobs.http.get("/jobs/" + tickets.get(21)).statusCode()).isEqualTo(404);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) jobs.rpc.call("listJobs", "done");
    assertThat(listed).extracting(entry -> entry.get("ticket")).contains(tickets.get(39), tickets.get(0));
    // Seen and measured.
    var status = jobs.http.json("/status").getAsJsonObject("jobs");
    assertThat(status.getAsJsonObject("counts").get("done").getAsInt()).isGreaterThanOrEqualTo(39);
    assertThat(status.getAsJsonArray("recent")).hasSize(10);
    assertThat(jobs.http.metric("cloudooo_jobs", Map.of("state", "done"))).isGreaterThanOrEqualTo(39);
    assertThat(jobs.http.metric("cloudooo_job_duration_seconds_count", Map.of("state", "done"))).isGreaterThanOrEqualTo(40);
  }

  @Test
  void resultsExpireAfterTheirTtl() throws Exception {
    String ticket = jobs.submit(testData("hello.odt"), "odt", "pdf", false, false, Map.of(), Map.of("result_ttl", 1));
    jobs.awaitFinished(List.of(ticket), Duration.ofMinutes(2));
    TestServers.await("expired", Duration.ofSeconds(10), () -> {
      try {
        jobs.status(ticket);
        return false;
      } catch (XmlRpcTestClient.Fault fault) {
        return fault.getMessage().contains("expired");
      }
    });
    assertThatThrownBy(() -> jobs.result(ticket)).hasMessageStartingWith("JobNotFound:no job " + ticket + ": it expired");
  }

  @Test
  void aBatchWithABrokenDocumentZipsTheOthersAndNamesIt() throws Exception {
    List<Object> batch = List.of(
        JobClient.entry("letter.odt", testData("hello.odt"), "odt"),
        JobClient.entry("letter.docx", testData("hello.docx"), "docx"),
        JobClient.entry("broken.docx", testData("truncated.docx"), "docx"),
        JobClient.entry("prices.ods", testData("sheet.ods"), "ods"),
        JobClient.entry("slides.odp", testData("slides.odp"), "odp"));
    String ticket = (String) jobs.rpc.call("submitJob", batch, "", "pdf");
    Map<String, Object> status = jobs.awaitFinished(List.of(ticket), Duration.ofMinutes(3)).get(ticket);
    assertThat(status).containsEntry("state", "done");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) status.get("items");
    assertThat(items).extracting(item -> item.get("name") + " " + item.get("state"))
        .containsExactly("letter.odt done", "letter.docx done", "broken.docx failed", "prices.ods done", "slides.odp done");
    assertThat((String) items.get(2).get("error")).contains("docx");
    byte[] zip = jobs.result(ticket);
    // Two documents named "letter" give "letter.pdf" and "letter-2.pdf".
    assertThat(Documents.zipNames(zip)).containsExactly("letter.pdf", "letter-2.pdf", "prices.pdf", "slides.pdf");
    assertThat(Documents.pdfText(Documents.zipBytes(zip, "letter-2.pdf"))).contains(FOX);
    assertThat(Documents.pdfText(Documents.zipBytes(zip, "slides.pdf"))).contains("Quarterly Review");
  }

  @Test
  void convertFileKeepsAnsweringWhileThirtyJobsAreQueued() throws Exception {
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tickets.add(jobs.submit(testData("slides.pptx"), "pptx", "pdf"));
    }
    try {
      long slowest = 0;
      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        assertThat(Documents.pdfText(jobs.rpc.convert(testData("hello.odt"), "odt", "pdf"))).contains(FOX);
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
      }
      // Jobs take one of the two workers at most: the other answers at once.
      assertThat(slowest).as("slowest convertFile, ms").isLessThan(15_000);
      assertThat(tickets.stream().filter(ticket -> jobs.state(ticket).equals("queued")).count())
          .as("jobs still queued after the calls").isGreaterThan(15);
    } finally {
      // Newest first: the queued ones go before the runner takes them, then the one running is stopped.
      for (int i = tickets.size() - 1; i >= 0; i--) {
        jobs.rpc.call("deleteJob", tickets.get(i));
      }
    }
    // Queued and running jobs were cancelled; those already done were removed.
    for (String ticket : tickets) {
      try {
        assertThat(jobs.state(ticket)).isEqualTo("cancelled");
      } catch (XmlRpcTestClient.Fault deleted) {
        assertThat(deleted).hasMessageContaining("was deleted");
      }
    }
    // The worker of the job stopped while running is restarted; the pool gets back to two free workers.
    TestServers.await("both workers free", Duration.ofMinutes(1), () -> TestServers.officePool(server).free() == 2);
  }

  @Test
  void webhooksDeliverTheResultRetryOnServerErrorsAndOnlyGoToAllowedHosts() throws Exception {
    HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    List<Map<String, String>> delivered = new CopyOnWriteArrayList<>();
    listener.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      int status = path.equals("/flaky") && call <= 2 ? 500 : 200;
      if (status == 200) {
        Map<String, String> seen = new HashMap<>();
        seen.put("path", path);
        seen.put("ticket", exchange.getRequestHeaders().getFirst("X-Cloudooo-Ticket"));
        seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
        seen.put("disposition", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Disposition")));
        seen.put("pdf", String.valueOf(Documents.isPdf(body)));
        seen.put("body", Documents.isPdf(body) ? "" : new String(body, StandardCharsets.UTF_8));
        delivered.add(seen);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    listener.start();
    try {
      String base = "http://127.0.0.1:" + listener.getAddress().getPort();
      String ok = jobs.submit(testData("hello.odt"), "odt", "pdf", false, false, Map.of(), Map.of("callback_url", base + "/ok"));
      String flaky = jobs.submit(testData("hello.docx"), "docx", "pdf", false, false, Map.of(),
          Map.of("callback_url", base + "/flaky"));
      String failed = jobs.submit(testData("truncated.docx"), "docx", "pdf", false, false, Map.of(),
          Map.of("callback_url", base + "/ok", "error_callback_url", base + "/error"));
      TestServers.await("three callbacks delivered", Duration.ofMinutes(2), () -> delivered.size() == 3);
      assertThat(delivered).filteredOn(seen -> seen.get("path").equals("/ok")).singleElement().satisfies(seen -> {
        assertThat(seen).containsEntry("ticket", ok).containsEntry("type", "application/pdf").containsEntry("pdf", "true");
        assertThat(seen.get("disposition")).contains("filename=\"document-1.pdf\"");
      });
      assertThat(calls.get("/flaky")).as("delivered on the third try").hasValue(3);
      assertThat(delivered).filteredOn(seen -> seen.get("path").equals("/flaky")).singleElement()
          .satisfies(seen -> assertThat(seen).containsEntry("ticket", flaky).containsEntry("pdf", "true"));
      assertThat(delivered).filteredOn(seen -> seen.get("path").equals("/error")).singleElement().satisfies(seen -> {
        assertThat(seen.get("type")).startsWith("application/json");
        assertThat(seen.get("body")).contains("\"ticket\":\"" + failed + "\"").contains("\"state\":\"failed\"");
      });
      // Delivered results stay collectable.
      assertThat(Documents.isPdf(jobs.result(flaky))).isTrue();
      assertThat(new OpsHttp(server.port()).metric("cloudooo_webhook_deliveries_total", Map.of("outcome", "delivered")))
          .isGreaterThanOrEqualTo(3);
      assertThatThrownBy(() -> jobs.submit(testData("hello.odt"), "odt", "pdf", false, false, Map.of(),
          Map.of("callback_url", "http://localhost:" + listener.getAddress().getPort() + "/ok")))
          .hasMessageContaining("callbacks to 'localhost' are not allowed").hasMessageContaining("webhook_allowed_hosts");
    } finally {
      listener.stop(0);
    }
  }

  @Test
  void aMacroJobWritesItsOutputFolderIntoTheResult() throws Exception {
    String module = String.join("\n",
        "Function Main(inputFolder As String, outputFolder As String)",
        "  FileCopy ConvertFromURL(inputFolder) & \"data.txt\", ConvertFromURL(outputFolder) & \"copy.txt\"",
        "  Dim n As Integer",
        "  n = FreeFile",
        "  Open ConvertFromURL(outputFolder) & \"hello.txt\" For Output As #n",
        "  Print #n, \"written by the macro\"",
        "  Close #n",
        "End Function");
    String ticket = (String) jobs.rpc.call("submitJob",
        List.of(JobClient.entry("data.txt", "input for the macro".getBytes(StandardCharsets.UTF_8), "txt")), "", "",
        false, false, Map.of(), Map.of("macro", module));
    Map<String, Object> status = jobs.awaitFinished(List.of(ticket), Duration.ofMinutes(2)).get(ticket);
    assertThat(status).as(status.toString()).containsEntry("state", "done");
    byte[] zip = jobs.result(ticket);
    assertThat(Documents.zipNames(zip)).containsExactlyInAnyOrder("copy.txt", "hello.txt");
    assertThat(Documents.zipText(zip, "copy.txt")).isEqualTo("input for the macro");
    assertThat(Documents.zipText(zip, "hello.txt")).contains("written by the macro");
  }

  @Test
  void macroJobsAreRefusedWhenTheOptionIsOff() throws Exception {
    CloudoooServer plain = TestServers.wireOnly(Map.of());
    try {
      var client = new JobClient(plain.port());
      assertThatThrownBy(() -> client.rpc.call("submitJob", List.of(), "", "", false, false, Map.of(),
          Map.of("macro", "Function Main(a, b)\nEnd Function")))
          .hasMessageStartingWith("Exception:macro jobs are off on this server").hasMessageContaining("enable_macro_jobs");
    } finally {
      TestServers.stop(plain);
    }
  }

  @Test
  void badRequestsAreClearFaults() throws Exception {
    String unknown = "0123456789abcdef0123456789abcdef";
    assertThatThrownBy(() -> jobs.status(unknown)).hasMessageStartingWith("JobNotFound:no job " + unknown);
    assertThatThrownBy(() -> jobs.result("../../etc/passwd"))
        .hasMessageStartingWith("ValueError:'../../etc/passwd' is not a job ticket");
    assertThatThrownBy(() -> jobs.submit(testData("hello.odt"), "odt", "pdf", false, false, Map.of(), Map.of("colour", "red")))
        .hasMessageContaining("job_options key 'colour' is not supported; accepted keys:");
    assertThatThrownBy(() -> jobs.submit(testData("hello.odt"), "odt", "pdf", false, false, "not a dict"))
        .hasMessageStartingWith("TypeError:submitJob() argument `conversion_kw` must be a struct");
    List<Object> oversize = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      oversize.add(JobClient.entry("n" + i + ".csv", "a,b".getBytes(StandardCharsets.UTF_8), "csv"));
    }
    assertThatThrownBy(() -> jobs.rpc.call("submitJob", oversize, "csv", "pdf"))
        .hasMessageContaining("101 documents; a job may hold at most 100 (job_max_documents)");
    String done = jobs.submit(testData("hello.odt"), "odt", "pdf");
    jobs.awaitFinished(List.of(done), Duration.ofMinutes(2));
    jobs.rpc.call("deleteJob", done);
    for (int ask = 0; ask < 2; ask++) {
      assertThatThrownBy(() -> jobs.result(done)).hasMessageStartingWith("JobNotFound:no job " + done + ": it was deleted");
    }
    HttpResponse<String> notMultipart = jobs.http.send(HttpRequest.newBuilder(jobs.http.uri("/jobs"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(JobClient.json(notMultipart).get("error").getAsString()).contains("multipart/form-data");
    assertThat(jobs.http.get("/jobs/" + unknown).statusCode()).isEqualTo(404);
    assertThat(jobs.post(Map.of("destination_format", "pdf", "job_options", "[1"), Map.of("a.odt", testData("hello.odt")))
        .statusCode()).isEqualTo(400);
  }
}
