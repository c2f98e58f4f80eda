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
import org.cloudooo.handler.ConversionOptions;
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
    String purpose = "converting " + request.sourceFormat() + " to " + request.destinationFormat().orElse("its native format");
    try {
      InputStaging.Input input =
          inspect(request.document(), request.sourceFormat(), new ConversionOptions(request.options()).text("password"));
      Map<String, ExportFilter> exports =
          request.destinationFormat().map(destination -> candidatesFor(input.format(), destination)).orElse(Map.of());
      OfficeOptions options = OfficeOptions.forConversion(
          request.options(), request.destinationFormat().orElse(""), exports, tables.csvImportFilter(), purpose);
      Path inputs = request.jobDirectory().resolve("in");
      Path outputDirectory = request.jobDirectory().resolve("out");
      Path output =
          onWorker(request.document(), worker -> {
            recreate(outputDirectory);
            InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
            var plan = new ConversionTask.Plan(
                staged.file(),
                outputDirectory,
                loadProperties(options, input, staged, exports),
                exports,
                request.destinationFormat(),
                request.refresh(),
                input.format(),
                input.linksChecked(),
                options);
            var task = new ConversionTask(plan, tables, formats);
            worker.execute(task);
            return task.output();
          });
      return request.zip() ? zipDirectory(outputDirectory, request.jobDirectory().resolve("result.zip")) : output;
    } catch (Exception e) {
      throw asClientError(e, purpose);
    }
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    try {
      OfficeOptions options = OfficeOptions.forLoading(document.options(), "reading metadata");
      InputStaging.Input input = inspect(document.document(), document.sourceFormat(), options.password());
      Path inputs = document.jobDirectory().resolve("in");
      MetadataTask task =
          onWorker(document.document(), worker -> {
            InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
            var plan = new MetadataTask.Plan(
                staged.file(), staged.format(), openingProperties(options, input), baseDocument, Optional.empty(), input.linksChecked());
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
      OfficeOptions options = OfficeOptions.forLoading(document.options(), "writing metadata");
      InputStaging.Input input = inspect(document.document(), document.sourceFormat(), options.password());
      Path inputs = document.jobDirectory().resolve("in");
      return onWorker(document.document(), worker -> {
        InputStaging.Staged staged = InputStaging.stageFresh(input, inputs);
        worker.execute(new MetadataTask(
            new MetadataTask.Plan(
                staged.file(), staged.format(), openingProperties(options, input), false, Optional.of(metadata), input.linksChecked()),
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
    if (candidates.isEmpty() && tables.exportAliases().containsKey(destination)) {
      candidates = formats.exportCandidates(source, tables.exportAliases().get(destination));
    }
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

  /**
   * Reads what staging needs to know; a protected document is refused at once without a
   * password, before any worker is taken (LibreOffice would answer as for a damaged file).
   */
  private InputStaging.Input inspect(Path document, String format, Optional<String> password) throws IOException {
    if (!EncryptedDocuments.needsPassword(document)) {
      return InputStaging.inspect(document, format, settings.maxExpandedBytes());
    }
    if (password.isEmpty()) {
      throw new CloudoooException(ErrorKind.PASSWORD_REQUIRED,
          "This " + format + " document is protected by a password: send it as conversion_kw['password']");
    }
    return InputStaging.encrypted(document, format);
  }

  private Map<String, Object> loadProperties(
      OfficeOptions options, InputStaging.Input input, InputStaging.Staged staged, Map<String, ExportFilter> candidates)
      throws IOException {
    Map<String, Object> properties = openingProperties(options, input);
    boolean spreadsheetCandidate = candidates.containsKey(SPREADSHEET);
    if (options.infilter().isPresent()) {
      String[] parts = options.infilter().get().split(":", 2);
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

  /** The safe load properties, and the password of a document that needs one. */
  private static Map<String, Object> openingProperties(OfficeOptions options, InputStaging.Input input) {
    Map<String, Object> properties = safeLoadProperties();
    if (input.encrypted()) {
      // Only for documents that need it: a failed load with a password then means a wrong one.
      properties.put(UnoDocuments.PASSWORD, options.password().orElseThrow());
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

  @Override
  public void serving() {
    pool.startOthers();
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
