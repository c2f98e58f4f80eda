package org.cloudooo.handler.office;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cloudooo.config.SettingsReader;

/**
 * How the LibreOffice pool runs and which of its filters clients see. The keys are the
 * original's; {@code openoffice_user_interface_language} and {@code ooo_enable_scripting} are
 * accepted and not read (soffice runs headless, and scripts are never run).
 *
 * @param officeHome LibreOffice installation directory (holds {@code program/soffice.bin})
 * @param hostname host of the UNO sockets ({@code application_hostname})
 * @param firstPort UNO port of worker 0 ({@code openoffice_port}); worker n uses firstPort + n
 * @param poolSize number of soffice processes ({@code pool_size})
 * @param limitNumberRequest conversions after which a worker is restarted
 * @param timeoutResponse longest time one conversion may take ({@code timeout_response})
 * @param spareWorkers workers started ahead of time to replace recycled ones ({@code spare_workers})
 * @param poisonDocumentTtl how long a document that broke LibreOffice twice is refused
 * @param maxExpandedBytes the most an office package (zip) may expand to before LibreOffice sees it
 * @param monitorInterval period of the monitors ({@code monitor_interval})
 * @param enableMemoryMonitor whether soffice memory is watched
 * @param limitMemoryUsedMb memory limit of one soffice, in MB
 * @param maxSleepingDuration idle time after which a worker is stopped; zero for never
 * @param disabledFilterNames filters hidden by Name ({@code ooo_disable_filter_list})
 * @param disabledFilterUiNames filters hidden by UI name ({@code ooo_disable_filter_name_list})
 */
public record OfficeSettings(
    Path officeHome,
    String hostname,
    int firstPort,
    int poolSize,
    int limitNumberRequest,
    Duration timeoutResponse,
    int spareWorkers,
    Duration poisonDocumentTtl,
    long maxExpandedBytes,
    Duration monitorInterval,
    boolean enableMemoryMonitor,
    long limitMemoryUsedMb,
    Duration maxSleepingDuration,
    List<String> disabledFilterNames,
    List<String> disabledFilterUiNames) {

  public static final String DEFAULT_OFFICE_HOME = "/usr/lib/libreoffice";
  public static final String DEFAULT_HOSTNAME = "127.0.0.1";
  public static final int DEFAULT_FIRST_PORT = 2002;
  /** {@code pool_size} when unset: one worker per CPU core. */
  public static final int DEFAULT_POOL_SIZE = Runtime.getRuntime().availableProcessors();
  public static final int DEFAULT_LIMIT_NUMBER_REQUEST = 100;
  public static final Duration DEFAULT_TIMEOUT_RESPONSE = Duration.ofSeconds(180);
  public static final int DEFAULT_SPARE_WORKERS = 1;
  public static final Duration DEFAULT_POISON_DOCUMENT_TTL = Duration.ofHours(1);
  public static final long DEFAULT_MAX_EXPANDED_BYTES = 512L << 20;
  public static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(10);
  public static final long DEFAULT_LIMIT_MEMORY_USED_MB = 3000;

  /** Filters hidden by Name when the configuration names none (the original's defaults). */
  public static final List<String> DEFAULT_DISABLED_FILTER_NAMES =
      List.of("writer_web_jpg_Export", "writer_web_png_Export", "writer_web_webp_Export");

  /**
   * Filters hidden by UI name when the configuration names none: the original's defaults plus
   * Debian's extra XSLT exports, which would otherwise be picked for csv→html.
   */
  public static final List<String> DEFAULT_DISABLED_FILTER_UI_NAMES =
      List.of("Text", "Text (StarWriter/Web)", "ODF Drawing (Impress)", "XHTML", "DocBook");

  /** Reads the office keys. */
  public static OfficeSettings from(SettingsReader keys) {
    Path officeHome = Path.of(keys.string("office_home", DEFAULT_OFFICE_HOME));
    String binaryPath = keys.string("office_binary_path", "");
    if (!binaryPath.isBlank()) {
      // The original points at the directory of soffice.bin; the installation is its parent.
      officeHome = Path.of(binaryPath).toAbsolutePath().getParent();
    }
    List<String> disabledNames = keys.lines("ooo_disable_filter_list");
    List<String> disabledUiNames = keys.lines("ooo_disable_filter_name_list");
    return new OfficeSettings(
        officeHome,
        keys.string("application_hostname", DEFAULT_HOSTNAME),
        keys.port("openoffice_port", false, DEFAULT_FIRST_PORT),
        keys.integer("pool_size", 1, 64, DEFAULT_POOL_SIZE),
        (int) keys.positive("limit_number_request", DEFAULT_LIMIT_NUMBER_REQUEST),
        keys.positiveSeconds("timeout_response", DEFAULT_TIMEOUT_RESPONSE),
        keys.integer("spare_workers", 0, 64, DEFAULT_SPARE_WORKERS),
        keys.seconds("poison_document_ttl", DEFAULT_POISON_DOCUMENT_TTL),
        keys.bytes("max_expanded_size", DEFAULT_MAX_EXPANDED_BYTES),
        keys.positiveSeconds("monitor_interval", DEFAULT_MONITOR_INTERVAL),
        keys.flag("enable_memory_monitor", false),
        keys.positive("limit_memory_used", DEFAULT_LIMIT_MEMORY_USED_MB),
        keys.seconds("max_sleeping_duration", Duration.ZERO),
        disabledNames.isEmpty() ? DEFAULT_DISABLED_FILTER_NAMES : disabledNames,
        disabledUiNames.isEmpty() ? DEFAULT_DISABLED_FILTER_UI_NAMES : disabledUiNames);
  }
}
