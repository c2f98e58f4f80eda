package org.cloudooo.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the LibreOffice pool runs and which of its filters clients see.
 *
 * @param officeHome LibreOffice installation directory (holds {@code program/soffice.bin})
 * @param hostname host of the UNO sockets ({@code application_hostname})
 * @param firstPort UNO port of worker 0 ({@code openoffice_port}); worker n uses firstPort + n
 * @param poolSize number of soffice processes ({@code pool_size})
 * @param limitNumberRequest conversions after which a worker is restarted
 * @param timeoutResponse longest time one conversion may take ({@code timeout_response})
 * @param queueTimeout longest time a request waits for a free worker ({@code queue_timeout})
 * @param maxQueueSize requests that may wait for a worker at once ({@code max_queue_size})
 * @param spareWorkers workers started ahead of time to replace recycled ones ({@code spare_workers})
 * @param poisonDocumentTtl how long a document that broke LibreOffice twice is refused
 * @param maxExpandedBytes the most an office package (zip) may expand to before LibreOffice sees it
 * @param monitorInterval period of the monitors ({@code monitor_interval})
 * @param enableMemoryMonitor whether soffice memory is watched
 * @param limitMemoryUsedMb memory limit of one soffice, in MB
 * @param maxSleepingDuration idle time after which a worker is stopped; zero for never
 * @param enableScripting whether {@code conversion_kw['script']} is allowed
 * @param language user interface language of soffice
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
    Duration queueTimeout,
    int maxQueueSize,
    int spareWorkers,
    Duration poisonDocumentTtl,
    long maxExpandedBytes,
    Duration monitorInterval,
    boolean enableMemoryMonitor,
    long limitMemoryUsedMb,
    Duration maxSleepingDuration,
    boolean enableScripting,
    String language,
    List<String> disabledFilterNames,
    List<String> disabledFilterUiNames) {

  /** Filters hidden by Name when the configuration names none (the original's defaults). */
  public static final List<String> DEFAULT_DISABLED_FILTER_NAMES =
      List.of("writer_web_jpg_Export", "writer_web_png_Export", "writer_web_webp_Export");

  /**
   * Filters hidden by UI name when the configuration names none: the original's defaults plus
   * Debian's extra XSLT exports, which would otherwise be picked for csv→html.
   */
  public static final List<String> DEFAULT_DISABLED_FILTER_UI_NAMES =
      List.of("Text", "Text (StarWriter/Web)", "ODF Drawing (Impress)", "XHTML", "DocBook");
}
