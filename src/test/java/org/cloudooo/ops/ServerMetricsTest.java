package org.cloudooo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.cloudooo.service.ConversionListener.Conversion;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  @Test
  void restartsAreCountedByPoolAndReason() {
    try (var metrics = new ServerMetrics(Set.of("odt", "pdf")::contains)) {
      metrics.workerRestarted("office", "office-2002", "timeout");
      metrics.workerRestarted("office", "office-2003", "timeout");
      metrics.workerRestarted("office", "office-2002", "memory");
      String exposition = metrics.scrape(TEXT);
      assertThat(exposition).contains("# TYPE cloudooo_worker_restarts_total counter",
          "cloudooo_worker_restarts_total{pool=\"office\",reason=\"timeout\"} 2.0",
          "cloudooo_worker_restarts_total{pool=\"office\",reason=\"memory\"} 1.0");
    }
  }

  @Test
  void conversionsHaveBoundedLabels() {
    try (var metrics = new ServerMetrics(Set.of("odt", "pdf")::contains)) {
      metrics.converted(new Conversion("ooo", "office", "odt", "pdf", "ok", Duration.ofMillis(300), 1000, 2000));
      metrics.converted(new Conversion("ooo", "office", "odt", "", "ok", Duration.ofMillis(30), 1000, 1000));
      metrics.converted(new Conversion("none", "none", "{evil\"label", "pdf", "HandlerNotFound", Duration.ofMillis(1), 10, 0));
      metrics.converted(new Conversion("none", "none", "xyz123", "pdf", "HandlerNotFound", Duration.ofMillis(1), 10, 0));
      String exposition = metrics.scrape(TEXT);
      assertThat(exposition)
          .contains("cloudooo_conversions_total{handler=\"ooo\",outcome=\"ok\",source=\"odt\",target=\"pdf\"} 1.0")
          .contains("cloudooo_conversions_total{handler=\"ooo\",outcome=\"ok\",source=\"odt\",target=\"native\"} 1.0")
          .contains("cloudooo_conversions_total{handler=\"none\",outcome=\"HandlerNotFound\",source=\"other\",target=\"pdf\"} 2.0")
          .contains("cloudooo_conversion_duration_seconds_bucket{handler=\"ooo\",outcome=\"ok\",le=\"0.5\"} 2")
          .contains("cloudooo_conversion_duration_seconds_bucket{handler=\"ooo\",outcome=\"ok\",le=\"0.25\"} 1")
          .doesNotContain("evil", "xyz123");
    }
  }

  @Test
  void queueWaitsAreAHistogramPerPool() {
    try (var metrics = new ServerMetrics(format -> true)) {
      metrics.queueWaited("office", Duration.ofMillis(5));
      metrics.queueWaited("office", Duration.ofSeconds(2));
      assertThat(metrics.scrape(TEXT))
          .contains("cloudooo_queue_wait_seconds_count{pool=\"office\"} 2")
          .contains("cloudooo_queue_wait_seconds_bucket{pool=\"office\",le=\"0.01\"} 1")
          .contains("cloudooo_queue_wait_seconds_bucket{pool=\"office\",le=\"5.0\"} 2");
    }
  }

  @Test
  void serverMetricsKeepTheHistoryOfConversionsAHandlerTook() {
    try (var metrics = new ServerMetrics(Set.of("odt", "pdf")::contains)) {
      metrics.converted(new Conversion("ooo", "office", "odt", "pdf", "ok", Duration.ofMillis(300), 1000, 2000));
      metrics.converted(new Conversion("ooo", "office", "odt", "pdf", "ConversionFailed", Duration.ofMillis(900), 1000, 0));
      metrics.converted(new Conversion(Conversion.NO_HANDLER, Conversion.NO_HANDLER, "xyz", "pdf", "HandlerNotFound", Duration.ofMillis(1), 10, 0));
      var recent = metrics.history().recent();
      assertThat(recent).containsOnlyKeys("office");
      // Summed over the window: the two may fall on either side of an interval's end.
      assertThat(recent.get("office").stream().mapToInt(ConversionHistory.Sample::conversions).sum()).isEqualTo(2);
      assertThat(recent.get("office").stream().mapToLong(ConversionHistory.Sample::p95Millis).max()).hasValue(900);
    }
  }
}
