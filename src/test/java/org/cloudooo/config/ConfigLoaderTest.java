package org.cloudooo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void bundledDefaults() {
    CloudoooConfig config = ConfigLoader.withOverrides(Map.of());
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8011);
    assertThat(config.server().maxRequestBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(config.queue()).isEqualTo(new QueueSettings(Duration.ofSeconds(300), 64));
    assertThat(config.registryLines()).first().isEqualTo("application/csv * ooo");
    assertThat(config.registryLines()).last().isEqualTo("* application/vnd.oasis.opendocument* ooo");
    assertThat(config.backendEnvironment()).containsEntry("LANG", "en_US.UTF-8");
    assertThat(config.ops().logLevel()).isEqualTo("INFO");
    assertThat(config.ops().logFormat()).isEqualTo(OpsSettings.LogFormat.TEXT);
    assertThat(config.ops().logPattern()).contains("%X{request_id}", "%msg");
    assertThat(config.ops().snapshotTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.ops().maxWaitingPerWorker()).isEqualTo(4);
  }

  @Test
  void operationsKeys() {
    CloudoooConfig config = ConfigLoader.withOverrides(Map.of(
        "log_level", "warn", "log_format", "JSON", "health_cache_seconds", 0.25, "health_max_waiting_per_worker", 2));
    assertThat(config.ops()).isEqualTo(new OpsSettings("WARN", OpsSettings.LogFormat.JSON,
        config.ops().logPattern(), Duration.ofMillis(250), 2));
    assertThat(ConfigLoader.withOverrides(Map.of("log_level", "error", "debug_mode", true)).ops().logLevel()).isEqualTo("DEBUG");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("log_level", "loud"))).hasMessageContaining("log_level");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("log_format", "xml"))).hasMessageContaining("log_format");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("health_cache_seconds", -1))).hasMessageContaining("health_cache_seconds");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("health_max_waiting_per_worker", 0)))
        .hasMessageContaining("health_max_waiting_per_worker");
  }

  @Test
  void fileThenSystemPropertiesThenEnvironment() throws Exception {
    Path file = Files.createTempFile("cloudooo", ".conf");
    Files.writeString(file, "server.port = 9100\ntimeout_response = 42\npool_size = 3\n"
        + "ooo_disable_filter_name_list = \"\"\"\nText\nXHTML\n\"\"\"\noffice_binary_path = \"/opt/lo/program\"\n");
    System.setProperty("timeout_response", "30");
    try {
      CloudoooConfig config = ConfigLoader.load(Optional.of(file), Map.of("CLOUDOOO_POOL_SIZE", "5", "CLOUDOOO_HOST", "0.0.0.0"));
      assertThat(config.server().port()).isEqualTo(9100);
      assertThat(config.keys().positiveSeconds("timeout_response", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.keys().integer("pool_size", 1, 64, 1)).isEqualTo(5);
      assertThat(config.server().host()).isEqualTo("0.0.0.0");
      assertThat(config.keys().lines("ooo_disable_filter_name_list")).containsExactly("Text", "XHTML");
      assertThat(config.keys().string("office_binary_path", "")).isEqualTo("/opt/lo/program");
    } finally {
      System.clearProperty("timeout_response");
      Files.delete(file);
    }
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("max_queue_size", 0))).hasMessageContaining("max_queue_size");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("server.port", 70000)).server())
        .hasMessageContaining("server.port");
    assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("debug_mode", "maybe"))).hasMessageContaining("debug_mode");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(Path.of("/nonexistent/c.conf")), Map.of()))
        .hasMessageContaining("/nonexistent/c.conf");
  }
}
