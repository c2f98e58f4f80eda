package org.cloudooo.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cloudooo.config.ConfigLoader;
import org.cloudooo.config.SettingsReader;
import org.cloudooo.handler.ffmpeg.FfmpegSettings;
import org.cloudooo.handler.imagemagick.ImageMagickSettings;
import org.cloudooo.handler.office.OfficeSettings;
import org.cloudooo.handler.office.UnoSettings;
import org.cloudooo.handler.pdf.PdfSettings;
import org.cloudooo.jobs.JobSettings;
import org.junit.jupiter.api.Test;

/**
 * Each handler's settings record holds its defaults as constants; the bundled {@code
 * cloudooo.conf} documents the same values. Both must agree.
 */
class SettingsDefaultsTest {

  private static final SettingsReader BUNDLED = ConfigLoader.withOverrides(Map.of()).keys();
  private static final SettingsReader NONE = SettingsReader.of(Map.of());

  @Test
  void theBundledConfigurationSaysWhatTheConstantsSay() {
    assertThat(OfficeSettings.from(BUNDLED)).isEqualTo(OfficeSettings.from(NONE));
    assertThat(FfmpegSettings.from(BUNDLED)).isEqualTo(FfmpegSettings.from(NONE));
    assertThat(ImageMagickSettings.from(BUNDLED)).isEqualTo(ImageMagickSettings.from(NONE));
    assertThat(PdfSettings.from(BUNDLED)).isEqualTo(PdfSettings.from(NONE));
    assertThat(UnoSettings.from(BUNDLED, 3)).isEqualTo(UnoSettings.from(NONE, 3));
  }

  @Test
  void unoPassThroughKeys() {
    UnoSettings off = UnoSettings.from(NONE, 3);
    assertThat(off.enabled()).isFalse();
    assertThat(off.maxSessions()).isEqualTo(2);
    assertThat(UnoSettings.from(NONE, 1).maxSessions()).isEqualTo(1);
    assertThat(off.sessionTimeout()).isEqualTo(UnoSettings.DEFAULT_SESSION_TIMEOUT).isEqualTo(Duration.ofSeconds(600));
    assertThat(off.allowedClients()).isEqualTo(UnoSettings.DEFAULT_ALLOWED_CLIENTS);
    UnoSettings given = UnoSettings.from(SettingsReader.of(Map.of(
        "uno_accept", "pipe,name=cloudooo;urp;", "uno_max_sessions", 4, "uno_session_timeout", 30,
        "uno_allowed_clients", "10.0.0.0/8\n::1\n")), 3);
    assertThat(given.enabled()).isTrue();
    assertThat(given.maxSessions()).isEqualTo(4);
    assertThat(given.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(given.allowedClients()).containsExactly("10.0.0.0/8", "::1");
    assertThatThrownBy(() -> UnoSettings.from(SettingsReader.of(Map.of("uno_accept", "socket,port=2202")), 2))
        .hasMessageContaining("uno_accept").hasMessageContaining("urp");
    assertThatThrownBy(() -> UnoSettings.from(SettingsReader.of(Map.of("uno_allowed_clients", List.of("example.org"))), 2))
        .hasMessageContaining("uno_allowed_clients").hasMessageContaining("example.org");
    assertThatThrownBy(() -> UnoSettings.from(SettingsReader.of(Map.of("uno_max_sessions", 0)), 2))
        .hasMessageContaining("uno_max_sessions");
  }

  @Test
  void theJobKeysOfTheBundledConfigurationAreTheConstants() {
    Path workingPath = Path.of("working");
    assertThat(JobSettings.from(BUNDLED, workingPath)).isEqualTo(JobSettings.from(NONE, workingPath));
    assertThat(JobSettings.from(NONE, workingPath).lease()).isEqualTo(JobSettings.DEFAULT_LEASE);
    assertThat(JobSettings.from(SettingsReader.of(Map.of("job_lease_seconds", 5)), workingPath).lease())
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> JobSettings.from(SettingsReader.of(Map.of("job_lease_seconds", 0)), workingPath))
        .hasMessageContaining("job_lease_seconds");
  }

  @Test
  void officeKeys() {
    OfficeSettings office = OfficeSettings.from(NONE);
    assertThat(office.officeHome()).isEqualTo(Path.of("/usr/lib/libreoffice"));
    assertThat(office.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(office.timeoutResponse()).isEqualTo(Duration.ofSeconds(180));
    assertThat(office.disabledFilterUiNames()).contains("XHTML", "DocBook");
    OfficeSettings given = OfficeSettings.from(SettingsReader.of(Map.of(
        "pool_size", 5, "timeout_response", 30, "office_binary_path", "/opt/lo/program",
        "ooo_disable_filter_name_list", "Text\nXHTML\n")));
    assertThat(given.poolSize()).isEqualTo(5);
    assertThat(given.timeoutResponse()).isEqualTo(Duration.ofSeconds(30));
    assertThat(given.officeHome()).isEqualTo(Path.of("/opt/lo"));
    assertThat(given.disabledFilterUiNames()).containsExactly("Text", "XHTML");
    assertThatThrownBy(() -> OfficeSettings.from(SettingsReader.of(Map.of("pool_size", 0)))).hasMessageContaining("pool_size");
  }

  @Test
  void thePdfTimeoutFollowsTimeoutResponseUnlessSet() {
    assertThat(PdfSettings.from(ConfigLoader.withOverrides(Map.of("timeout_response", 25)).keys()).timeout())
        .isEqualTo(Duration.ofSeconds(25));
    assertThat(PdfSettings.from(ConfigLoader.withOverrides(Map.of("timeout_response", 25, "pdf_timeout", 7)).keys()).timeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void processHandlersRefuseBadValuesByName() {
    assertThatThrownBy(() -> FfmpegSettings.from(SettingsReader.of(Map.of("ffmpeg_max_output_size", 0))))
        .hasMessageContaining("ffmpeg_max_output_size");
    assertThatThrownBy(() -> ImageMagickSettings.from(SettingsReader.of(Map.of("imagemagick_area_limit", "lots"))))
        .hasMessageContaining("imagemagick_area_limit");
    assertThatThrownBy(() -> ImageMagickSettings.from(SettingsReader.of(Map.of("imagemagick_pool_size", 65))))
        .hasMessageContaining("imagemagick_pool_size");
  }
}
