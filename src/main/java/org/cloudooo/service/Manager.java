package org.cloudooo.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.granulate.OdfGranulator;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.MacroRequest;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.handler.MetadataKeys;
import org.cloudooo.registry.MimetypeRegistry;
import org.cloudooo.service.ConversionListener.Conversion;

/**
 * The cloudooo methods, independent of any transport: what XML-RPC, the web page and the CLI
 * call. Arguments are plain Java values and documents are files in the caller's {@link
 * Workspace} (answers are written there too); errors are {@link CloudoooException}s.
 */
public final class Manager implements AutoCloseable {

  /** The metadata entry holding the document itself. */
  public static final String DATA = MetadataKeys.DATA;

  /** Formats where an empty file is a valid (empty) document. */
  private static final Set<String> EMPTY_ALLOWED = Set.of("csv", "tsv", "txt", "text");

  private final MimetypeRegistry registry;
  private final MediaTypes mediaTypes;
  private final Path jobRoot;
  private final DeferredDeletion finishedWorkspaces;
  private final List<Handler> handlers;
  private final ExtensionGuess extensionGuess;
  private final ConversionListener conversionListener;
  /** The pool each handler runs on, as /status and the metrics name it ({@code ooo} → {@code office}). */
  private final Map<String, String> poolOfHandler = new HashMap<>();

  /** @param conversionListener told of every conversion (metrics) */
  public Manager(
      MimetypeRegistry registry,
      MediaTypes mediaTypes,
      Path jobRoot,
      List<Handler> handlers,
      ConversionListener conversionListener)
      throws IOException {
    this.registry = registry;
    this.mediaTypes = mediaTypes;
    this.jobRoot = Files.createDirectories(jobRoot);
    this.finishedWorkspaces = new DeferredDeletion(jobRoot.resolveSibling(jobRoot.getFileName() + "-deleting"));
    this.handlers = List.copyOf(handlers);
    this.extensionGuess = new ExtensionGuess(mediaTypes);
    this.conversionListener = conversionListener;
    handlers.forEach(handler -> handler.pools().stream().findFirst()
        .ifPresent(pool -> poolOfHandler.put(handler.name(), pool.name())));
  }

  /** A workspace for one request's files under {@code working_path}; close it once the answer was sent. */
  public Workspace openWorkspace() {
    return new Workspace(jobRoot, finishedWorkspaces::delete);
  }

  /**
   * Converts a document.
   *
   * @param workspace where the request's files live; the answer is written there
   * @param file the document, a file in the workspace
   * @param destinationFormat target extension; empty for the document's native format
   * @param conversionOptions the client's {@code conversion_kw}
   * @return the converted document, a file in the workspace
   */
  public Path convertFile(
      Workspace workspace,
      Path file,
      String sourceFormat,
      Optional<String> destinationFormat,
      boolean zip,
      boolean refresh,
      Map<String, Object> conversionOptions) {
    long start = System.nanoTime();
    String handlerName = Conversion.NO_HANDLER;
    String outcome = Conversion.OK;
    Path converted = null;
    try {
      requireDocument(file, sourceFormat);
      Handler handler = registry.handlerFor(sourceFormat, destinationFormat);
      handlerName = handler.name();
      converted = handler.convert(new ConversionRequest(
          workspace.newDirectory(handlerName), file, sourceFormat, destinationFormat, zip, refresh, conversionOptions));
      return converted;
    } catch (CloudoooException e) {
      outcome = e.kind().wireName();
      throw e;
    } catch (RuntimeException | Error e) {
      outcome = ErrorKind.INTERNAL_ERROR.wireName();
      throw e;
    } finally {
      conversionListener.converted(new Conversion(
          handlerName, poolOfHandler.getOrDefault(handlerName, handlerName), sourceFormat, destinationFormat.orElse(""), outcome, Duration.ofNanos(System.nanoTime() - start),
          sizeOf(file), converted == null ? 0 : sizeOf(converted)));
    }
  }

  /**
   * The document's metadata (the handler's keys and values) plus {@code Data}: the document
   * in its native format (a file) when {@code baseDocument}, else {@code ""}.
   */
  public Map<String, Object> getFileMetadataItemList(Workspace workspace, Path file, String sourceFormat, boolean baseDocument) {
    return getFileMetadataItemList(workspace, file, sourceFormat, baseDocument, Map.of());
  }

  /** As {@link #getFileMetadataItemList(Workspace, Path, String, boolean)}, with options ({@code password}). */
  public Map<String, Object> getFileMetadataItemList(
      Workspace workspace, Path file, String sourceFormat, boolean baseDocument, Map<String, Object> options) {
    requireDocument(file, sourceFormat);
    Handler handler = registry.handlerFor(sourceFormat, Optional.empty());
    Map<String, Object> metadata = new LinkedHashMap<>(handler.getMetadata(
        new DocumentRequest(workspace.newDirectory(handler.name()), file, sourceFormat, options), baseDocument));
    metadata.putIfAbsent(DATA, "");
    return metadata;
  }

  /**
   * Writes metadata and returns the document in the format it came in. Keys are capitalised
   * as the original does ({@code title} → {@code Title}, {@code MIMEType} → {@code Mimetype}).
   */
  public Path updateFileMetadata(Workspace workspace, Path file, String sourceFormat, Map<String, Object> metadata) {
    return updateFileMetadata(workspace, file, sourceFormat, metadata, Map.of());
  }

  /** As {@link #updateFileMetadata(Workspace, Path, String, Map)}, with options ({@code password}). */
  public Path updateFileMetadata(
      Workspace workspace, Path file, String sourceFormat, Map<String, Object> metadata, Map<String, Object> options) {
    requireDocument(file, sourceFormat);
    Handler handler = registry.handlerFor(sourceFormat, Optional.empty());
    Map<String, Object> capitalised = new LinkedHashMap<>();
    metadata.forEach((key, value) -> capitalised.put(MetadataKeys.capitalize(key), value));
    return handler.setMetadata(new DocumentRequest(workspace.newDirectory(handler.name()), file, sourceFormat, options), capitalised);
  }

  /** The {@code (mimetype, title)} targets a source mimetype can be converted to. */
  public List<FormatEntry> getAllowedConversionFormatList(String sourceMimetype) {
    return registry.allowedConversionFormats(sourceMimetype);
  }

  /**
   * The {@code (extension, title)} targets for one of {@code mimetype}, {@code extension} or
   * {@code document_type}; {@code [('', '')]} when there is none, as the original answers.
   */
  public List<FormatEntry> getAllowedExtensionList(Map<String, Object> request) {
    Optional<String> mimetype = Optional.empty();
    if (request.get("mimetype") != null) {
      mimetype = Optional.of(request.get("mimetype").toString());
    } else if (request.get("extension") != null) {
      mimetype = mediaTypes.guessTypeOfName("file." + request.get("extension"));
    } else if (request.get("document_type") != null) {
      return registry.exportsOfDocumentType(request.get("document_type").toString());
    }
    Set<FormatEntry> extensions = new LinkedHashSet<>();
    for (FormatEntry format : mimetype.map(this::getAllowedConversionFormatList).orElse(List.of())) {
      extensionGuess.extensionOf(format.key(), format.title()).ifPresent(ext -> extensions.add(new FormatEntry(ext, format.title())));
    }
    return extensions.isEmpty() ? List.of(new FormatEntry("", "")) : new ArrayList<>(extensions);
  }

  /**
   * The parts of a document: read in-process from its ODT form, converted first through the
   * registry when it is not an ODT (as the original decides, by the declared format).
   */
  public DocumentParts granulate(Workspace workspace, Path file, String sourceFormat) {
    requireDocument(file, sourceFormat);
    Path odt = sourceFormat.equals("odt") ? file : convertFile(workspace, file, sourceFormat, Optional.of("odt"), false, false, Map.of());
    return new GranulatedDocument(OdfGranulator.read(odt));
  }

  /**
   * Runs a client's Basic module (a macro job) on the handler that runs macros, with a copy of
   * {@code inputs} in its input folder.
   *
   * @param inputs the job's files, copied under their file names
   * @return the folder the macro wrote its result into, in the workspace
   */
  public Path runMacro(Workspace workspace, String moduleSource, String entryFunction, List<Path> inputs) {
    Handler handler = handlers.stream().filter(Handler::runsMacros).findFirst().orElseThrow(() -> new CloudoooException(
        ErrorKind.HANDLER_NOT_FOUND, "no handler of this server runs macros: the ooo handler must be in mimetype_registry"));
    Path directory = workspace.newDirectory("macro");
    try {
      Path inputDirectory = Files.createDirectory(directory.resolve("in"));
      Path outputDirectory = Files.createDirectory(directory.resolve("out"));
      for (Path input : inputs) {
        Files.copy(input, inputDirectory.resolve(input.getFileName()));
      }
      handler.runMacro(new MacroRequest(moduleSource, entryFunction, inputDirectory, outputDirectory));
      return outputDirectory;
    } catch (IOException e) {
      throw CloudoooException.failed("could not prepare the macro's folders in working_path: " + e.getMessage(), e);
    }
  }

  /** The extension ERP5 expects for a {@code (mimetype, title)} pair (the original's {@code BBB_guess_extension}). */
  public Optional<String> guessExtension(String mimetype, String title) {
    return extensionGuess.extensionOf(mimetype, title);
  }

  /** The mimetype registered for exactly this extension, if any. */
  public Optional<String> mimetypeOfExtension(String extension) {
    return mediaTypes.typeOfExtension(extension);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireDocument(Path file, String sourceFormat) {
    if (sizeOf(file) == 0 && !EMPTY_ALLOWED.contains(sourceFormat)) {
      throw CloudoooException.badInput(
          "This document can not be loaded or is empty: the file sent as " + sourceFormat + " has no content");
    }
  }

  /** Snapshots of every handler's worker pools. */
  public List<PoolStatus> pools() {
    List<PoolStatus> pools = new ArrayList<>();
    handlers.forEach(handler -> pools.addAll(handler.pools()));
    return pools;
  }

  /** Tells every handler that the server accepts requests: what they held back may start. */
  public void serving() {
    handlers.forEach(Handler::serving);
  }

  /** Tells every handler that the server stops: listeners of their own stop accepting. */
  public void beginShutdown() {
    handlers.forEach(Handler::beginShutdown);
  }

  /** Stops every handler and its backend processes. */
  @Override
  public void close() {
    handlers.forEach(Handler::close);
    finishedWorkspaces.close();
  }
}
