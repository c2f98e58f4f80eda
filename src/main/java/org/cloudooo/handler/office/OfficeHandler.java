package org.cloudooo.handler.office;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.core.Causes;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.MacroRequest;
import org.cloudooo.handler.MetadataKeys;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.Quarantine;
import org.cloudooo.supervision.WorkerJob;
import org.cloudooo.supervision.RetryPolicy;
import org.cloudooo.supervision.WorkerPool;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.jodconverter.core.office.OfficeException;

/** Office documents through a pool of LibreOffice processes (the original's {@code ooo} handler). */
final class OfficeHandler implements Handler {

  static final String NAME = "ooo";

  /**
   * A soffice that crashed or hung is killed and replaced; the document is sent once more, to
   * another worker. Errors of the document itself are not retried.
   */
  static final RetryPolicy RESUBMIT_ONCE = new RetryPolicy("resubmit-once", 2, OfficeHandler::backendFailure);

  /** A macro job runs once: client code that broke a worker would break the next one too. */
  private static final RetryPolicy RUN_ONCE = new RetryPolicy("run-once", 1, OfficeHandler::backendFailure);

  private static Optional<String> backendFailure(Throwable failure) {
    if (!(failure instanceof OfficeException) || CloudoooException.in(failure).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(Causes.first(failure, TimeoutException.class).isPresent() ? "timeout" : "crash");
  }

  private static final String MIMETYPE = "MIMEType";
  private static final String SPREADSHEET = "com.sun.star.sheet.SpreadsheetDocument";
  private static final Set<String> CONVERSION_OPTIONS = Set.of("infilter", "script");
  private static final short NEVER_EXECUTE = com.sun.star.document.MacroExecMode.NEVER_EXECUTE;
  private static final short NO_UPDATE = com.sun.star.document.UpdateDocMode.NO_UPDATE;

  private final WorkerPool<OfficeWorker> pool;
  private final OfficeFormats formats;
  private final OfficeTables tables;
  private final OfficeSettings settings;

  private final Quarantine poisonDocuments;
  /** The UNO pass-through, null when {@code uno_accept} is off. */
  private volatile UnoPassThrough passThrough;

  OfficeHandler(
      WorkerPool<OfficeWorker> pool,
      OfficeFormats formats,
      OfficeTables tables,
      OfficeSettings settings,
      Quarantine poisonDocuments) {
    this.poisonDocuments = poisonDocuments;
    this.pool = pool;
    this.formats = formats;
    this.tables = tables;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Path convert(ConversionRequest request) {
    checkOptions(request.options());
    try {
      InputStaging.Input input = InputStaging.inspect(request.document(), request.sourceFormat(), settings.maxExpandedBytes());
      Map<String, ExportFilter> candidates =
          request.destinationFormat().map(destination -> candidatesFor(input.format(), destination)).orElse(Map.of());
      Path inputs = request.jobDirectory().resolve("in");
      Path outputDirectory = request.jobDirectory().resolve("out");
      Path output =
          onWorker(request.document(), worker -> {
            recreate(outputDirectory);
            InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
            var plan = new ConversionTask.Plan(
                staged.file(),
                outputDirectory,
                loadProperties(request, staged, candidates),
                candidates,
                request.destinationFormat(),
                request.refresh(),
                input.format(),
                input.linksChecked());
            var task = new ConversionTask(plan, tables, formats);
            worker.execute(task);
            return task.output();
          });
      return request.zip() ? zipDirectory(outputDirectory, request.jobDirectory().resolve("result.zip")) : output;
    } catch (Exception e) {
      throw asClientError(e, "converting " + request.sourceFormat() + " → " + request.destinationFormat().orElse("native format"));
    }
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    try {
      InputStaging.Input input = InputStaging.inspect(document.document(), document.sourceFormat(), settings.maxExpandedBytes());
      Path inputs = document.jobDirectory().resolve("in");
      MetadataTask task =
          onWorker(document.document(), worker -> {
            InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
            var plan = new MetadataTask.Plan(
                staged.file(), staged.format(), safeLoadProperties(), baseDocument, Optional.empty(), input.linksChecked());
            var attempt = new MetadataTask(plan, tables, formats);
            worker.execute(attempt);
            return attempt;
          });
      Map<String, Object> metadata = new LinkedHashMap<>(task.metadata());
      metadata.put(MIMETYPE, formats.mimetypeOfImportFilter(task.importFilter()).orElse(null));
      if (baseDocument) {
        metadata.put(MetadataKeys.DATA, task.nativeCopy().orElseThrow());
      }
      return metadata;
    } catch (Exception e) {
      throw asClientError(e, "reading the metadata of a " + document.sourceFormat() + " document");
    }
  }

  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    try {
      InputStaging.Input input = InputStaging.inspect(document.document(), document.sourceFormat(), settings.maxExpandedBytes());
      Path inputs = document.jobDirectory().resolve("in");
      return onWorker(document.document(), worker -> {
        InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
        worker.execute(new MetadataTask(
            new MetadataTask.Plan(
                staged.file(), staged.format(), safeLoadProperties(), false, Optional.of(metadata), input.linksChecked()),
            tables, formats));
        return staged.file();
      });
    } catch (Exception e) {
      throw asClientError(e, "writing the metadata of a " + document.sourceFormat() + " document");
    }
  }

  @Override
  public boolean runsMacros() {
    return true;
  }

  /** On a worker of the pool, restarted afterwards; the macro may take {@code timeout_response}. */
  @Override
  public void runMacro(MacroRequest request) {
    try {
      pool.runThenRestart(worker -> {
        worker.execute(new MacroTask(request));
        return null;
      }, RUN_ONCE, "macro");
    } catch (Exception e) {
      if (Causes.first(e, TimeoutException.class).isPresent()) {
        throw new CloudoooException(ErrorKind.TIMEOUT_ERROR, "the macro ran longer than timeout_response ("
            + settings.timeoutResponse().toSeconds() + " s) and its soffice was killed", e);
      }
      throw asClientError(e, "running the macro's " + request.entryFunction());
    }
  }

  /**
   * Runs a job on a worker with the resubmit-once policy, refusing documents that broke
   * LibreOffice on both tries recently, and reporting each restart of a worker. The document's
   * hash is computed only when it is needed: while some document is refused, or to refuse this one.
   */
  private <T> T onWorker(Path document, WorkerJob<OfficeWorker, T> job) throws Exception {
    Optional<Duration> refused = poisonDocuments.isEmpty() ? Optional.empty() : poisonDocuments.remaining(contentHash(document));
    if (refused.isPresent()) {
      throw new CloudoooException(ErrorKind.POISON_DOCUMENT, "This document crashed or hung LibreOffice on both tries a short while"
          + " ago; it is refused for " + Math.max(1, refused.get().toMinutes()) + " more minute(s) (poison_document_ttl). Check the document.");
    }
    try {
      return pool.run(job, RESUBMIT_ONCE);
    } catch (OfficeException e) {
      if (CloudoooException.in(e).isEmpty()) {
        poisonDocuments.add(contentHash(document));
        throw new CloudoooException(ErrorKind.POISON_DOCUMENT, "This document "
            + (Causes.first(e, TimeoutException.class).isPresent() ? "hung LibreOffice (longer than timeout_response, "
                + settings.timeoutResponse().toSeconds() + " s)" : "crashed LibreOffice")
            + " on both tries; the workers were restarted"
            + (settings.poisonDocumentTtl().isZero() ? "" : " and the document is refused for the next "
                + Math.max(1, settings.poisonDocumentTtl().toMinutes()) + " minute(s)")
            + ". Check the document.", e);
      }
      throw e;
    }
  }

  private static String contentHash(Path document) throws IOException {
    try (InputStream in = Files.newInputStream(document)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Map<String, ExportFilter> candidatesFor(String source, String destination) {
    Map<String, ExportFilter> candidates = formats.exportCandidates(source, destination);
    if (candidates.isEmpty()) {
      Set<String> allowed = new TreeSet<>();
      formats.exportsFromExtension(source).forEach(entry -> allowed.add(entry.key()));
      throw CloudoooException.unsupported(
          "cannot convert " + source + " to '" + destination + "'"
              + (allowed.isEmpty() ? ": " + source + " is not a format this server reads"
                  : "; allowed targets for " + source + ": " + String.join(", ", allowed)));
    }
    return candidates;
  }

  private void checkOptions(Map<String, Object> options) {
    for (String key : options.keySet()) {
      if (!CONVERSION_OPTIONS.contains(key)) {
        throw CloudoooException.badInput(
            "conversion_kw key '" + key + "' is not supported; accepted keys: " + String.join(", ", new TreeSet<>(CONVERSION_OPTIONS)));
      }
    }
    if (options.containsKey("script")) {
      // The original ran the script only with ooo_enable_scripting; this server never runs one.
      throw new CloudoooException(ErrorKind.REFUSED, "ooo: scripting is disabled");
    }
  }

  private Map<String, Object> loadProperties(
      ConversionRequest request, InputStaging.Staged staged, Map<String, ExportFilter> candidates) throws IOException {
    Map<String, Object> properties = safeLoadProperties();
    Object infilter = request.options().get("infilter");
    boolean spreadsheetCandidate = candidates.containsKey(SPREADSHEET);
    if (infilter != null) {
      String[] parts = infilter.toString().split(":", 2);
      properties.put("FilterName", parts[0]);
      if (parts.length == 2) {
        properties.put("FilterOptions", parts[1]);
      }
    } else if (InputStaging.isTextTable(staged.format()) && spreadsheetCandidate) {
      char separator = CsvDialect.separatorOf(InputStaging.csvSample(staged.file()));
      properties.put("FilterName", tables.csvImportFilter());
      properties.put("FilterOptions", (int) separator + ",34,UTF-8");
    } else if (isHtml(staged.format())
        && candidates.keySet().stream().findFirst().filter(SPREADSHEET::equals).isPresent()) {
      properties.put("FilterName", tables.htmlSpreadsheetImportFilter());
    }
    return properties;
  }

  /** Hidden, macros never run, links not updated on load: every load starts from these. */
  private static Map<String, Object> safeLoadProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("Hidden", Boolean.TRUE);
    properties.put("MacroExecutionMode", NEVER_EXECUTE);
    properties.put("UpdateDocMode", NO_UPDATE);
    return properties;
  }

  private static boolean isHtml(String sourceFormat) {
    return sourceFormat.equals("html") || sourceFormat.equals("htm") || sourceFormat.equals("text/html");
  }

  private static void recreate(Path directory) throws IOException {
    if (Files.exists(directory)) {
      PathUtils.deleteDirectory(directory);
    }
    Files.createDirectories(directory);
  }

  /** A zip of the export and every side file LibreOffice wrote beside it (images of HTML exports). */
  private static Path zipDirectory(Path directory, Path target) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)));
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted().filter(Files::isRegularFile).toList()) {
        zip.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return target;
  }

  private CloudoooException asClientError(Exception e, String what) {
    Optional<CloudoooException> requestError = CloudoooException.in(e);
    if (requestError.isPresent()) {
      return requestError.get();
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return CloudoooException.failed("the server is shutting down; retry later", e);
    }
    return CloudoooException.failed("LibreOffice failed " + what + ": " + Causes.rootMessage(e), e);
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    return formats.allowedConversionFormats(sourceMimetypeOrExtension);
  }

  @Override
  public List<FormatEntry> exportsOfDocumentType(String documentType) {
    return formats.exportsOfDocumentType(documentType);
  }

  /** Lends the pool's workers to UNO clients too; the handler stops the pass-through before the pool. */
  void servePassThrough(UnoPassThrough unoPassThrough) {
    this.passThrough = unoPassThrough;
  }

  /** The pool's snapshot, where workers held by UNO clients show as {@code passthrough} with their client. */
  @Override
  public List<PoolStatus> pools() {
    PoolStatus status = pool.status();
    UnoPassThrough current = passThrough;
    Map<String, String> clients = current == null ? Map.of() : current.clientsByWorker();
    if (clients.isEmpty()) {
      return List.of(status);
    }
    List<WorkerStatus> workers = status.workers().stream()
        .map(worker -> worker.state() == WorkerState.BUSY && clients.containsKey(worker.id())
            ? worker.inSessionWith(clients.get(worker.id())) : worker)
        .toList();
    return List.of(new PoolStatus(status.name(), workers, status.waiting(), status.free()));
  }

  @Override
  public void beginShutdown() {
    UnoPassThrough current = passThrough;
    if (current != null) {
      current.beginShutdown();
    }
  }

  @Override
  public void close() {
    UnoPassThrough current = passThrough;
    if (current != null) {
      current.close();
    }
    pool.close();
  }
}
