package org.cloudooo.it;

import static org.cloudooo.it.TestServers.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.testData;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given the shared server with two LibreOffice workers and a spare, /status and /metrics show what they do. */
class OfficeOpsIT {

  private static XmlRpcTestClient client;
  private static OpsHttp http;

  @BeforeAll
  static void server() throws Exception {
    int port = TestServers.office().port();
    client = new XmlRpcTestClient(port);
    http = new OpsHttp(port);
  }

  static JsonObject officePool(JsonObject status) {
    for (JsonElement pool : status.getAsJsonArray("pools")) {
      if (pool.getAsJsonObject().get("name").getAsString().equals("office")) {
        return pool.getAsJsonObject();
      }
    }
    throw new AssertionError("no office pool in " + status);
  }

  static List<JsonObject> workers(JsonObject pool) {
    List<JsonObject> workers = new ArrayList<>();
    pool.getAsJsonArray("workers").forEach(worker -> workers.add(worker.getAsJsonObject()));
    return workers;
  }

  private static long totalUses() {
    return workers(officePool(http.json("/status"))).stream().mapToLong(w -> w.get("uses").getAsLong()).sum();
  }


  @Test
  void statusShowsEveryWorkerWithItsProcess() throws Exception {
    JsonObject status = http.json("/status");
    assertThat(status.get("health").getAsString()).isEqualTo("up");
    JsonObject pool = officePool(status);
    assertThat(pool.get("size").getAsInt()).as("two workers and a spare").isEqualTo(3);
    assertThat(pool.get("queue_length").getAsInt()).isZero();
    List<JsonObject> workers = workers(pool);
    assertThat(workers).hasSize(3);
    for (JsonObject worker : workers) {
      assertThat(worker.get("id").getAsString()).startsWith("office-");
      long pid = worker.get("pid").getAsLong();
      assertThat(pid).isPositive();
      assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().command())).hasValueSatisfying(c -> assertThat(c).contains("soffice"));
      assertThat(worker.get("process_running").getAsBoolean()).isTrue();
      assertThat(worker.get("rss_bytes").getAsLong()).isGreaterThan(10L << 20);
      assertThat(worker.get("state").getAsString()).isIn("idle", "busy");
    }
  }

  @Test
  void statusCountsUsesAndShowsTheAgeOfTheTaskInProgress() throws Exception {
    long before = totalUses();
    client.convert(testData("hello.odt"), "odt", "pdf");
    await("one more use", Duration.ofSeconds(5), () -> totalUses() == before + 1);

    byte[] longText = "A line of text for a conversion that takes a few seconds.\n".repeat(8000).getBytes(StandardCharsets.UTF_8);
    CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> client.convert(longText, "txt", "pdf"));
    await("busy", Duration.ofSeconds(20), () -> workers(officePool(http.json("/status"))).stream()
        .anyMatch(w -> w.get("state").getAsString().equals("busy") && w.get("current_task_ms").getAsLong() > 0));
    assertThat(Documents.isPdf(inFlight.get(2, TimeUnit.MINUTES))).isTrue();
  }

  @Test
  void metricsCountExactlyTheConversionsMade() throws Exception {
    Map<String, String> odtToPdf = Map.of("handler", "ooo", "source", "odt", "target", "pdf", "outcome", "ok");
    Map<String, String> okDurations = Map.of("handler", "ooo", "outcome", "ok");
    Map<String, String> docxToPdf = Map.of("handler", "ooo", "source", "docx", "target", "pdf");
    Map<String, String> office = Map.of("pool", "office");
    String before = http.get("/metrics").body();

    for (int i = 0; i < 3; i++) {
      assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
    }
    String afterSuccesses = http.get("/metrics").body();
    try {
      client.convert(testData("not_a_docx.docx"), "docx", "pdf");
      throw new AssertionError("an image named .docx converted");
    } catch (XmlRpcTestClient.Fault expected) {
      // counted below
    }
    String after = http.get("/metrics").body();

    assertThat(delta(before, after, "cloudooo_conversions_total", odtToPdf)).isEqualTo(3.0);
    assertThat(delta(before, after, "cloudooo_conversion_duration_seconds_count", okDurations)).isEqualTo(3.0);
    assertThat(delta(before, after, "cloudooo_conversion_duration_seconds_bucket", Map.of("handler", "ooo", "outcome", "ok", "le", "+Inf")))
        .isEqualTo(3.0);
    assertThat(delta(before, afterSuccesses, "cloudooo_queue_wait_seconds_count", office)).isEqualTo(3.0);
    assertThat(delta(before, after, "cloudooo_conversions_total", docxToPdf)).isEqualTo(1.0);
    assertThat(delta(before, after, "cloudooo_conversions_total", Map.of("handler", "ooo", "source", "docx", "outcome", "ok"))).isZero();
    assertThat(OpsHttp.metric(after, "cloudooo_conversion_duration_seconds_sum", okDurations)).isPositive();
  }

  private static double delta(String before, String after, String name, Map<String, String> labels) {
    return OpsHttp.metric(after, name, labels) - OpsHttp.metric(before, name, labels);
  }

  @Test
  void metricsShowThePoolAndItsRestartCounters() throws Exception {
    await("both workers free", Duration.ofSeconds(10),
        () -> OpsHttp.metric(http.get("/metrics").body(), "cloudooo_pool_workers_free", Map.of("pool", "office")) == 2.0);
    String metrics = http.get("/metrics").body();
    assertThat(OpsHttp.metric(metrics, "cloudooo_pool_workers", Map.of("pool", "office"))).isEqualTo(3.0);
    assertThat(OpsHttp.metric(metrics, "cloudooo_pool_waiting", Map.of("pool", "office"))).isZero();
    for (JsonObject worker : workers(officePool(http.json("/status")))) {
      assertThat(OpsHttp.metric(metrics, "cloudooo_worker_resident_memory_bytes",
          Map.of("pool", "office", "worker", worker.get("id").getAsString()))).isGreaterThan(10 << 20);
    }
    for (String reason : List.of("timeout", "crash", "recycle", "memory", "idle")) {
      assertThat(metrics).contains("cloudooo_worker_restarts_total{pool=\"office\",reason=\"" + reason + "\"}");
    }
  }
}
