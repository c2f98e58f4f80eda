package org.cloudooo.handler;

import org.cloudooo.format.FormatEntry;
import org.cloudooo.core.CloudoooException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cloudooo.supervision.PoolStatus;

/**
 * A conversion backend (LibreOffice, ffmpeg, ...), chosen per request by the
 * {@code mimetype_registry}. Knows nothing of the wire: it takes and returns documents as files
 * and reports problems as {@link CloudoooException}.
 */
public interface Handler extends AutoCloseable {

  /** The name used in {@code mimetype_registry} lines ({@code ooo}, {@code ffmpeg}, ...). */
  String name();

  /**
   * Converts one document; the request's job directory is the only place to write to.
   *
   * @return the converted document, a file in the job directory
   */
  Path convert(ConversionRequest request);

  /**
   * The {@code (mimetype, title)} pairs this handler can produce from a source given as a
   * mimetype ({@code text/plain;charset=utf-8}) or a bare extension ({@code odt}).
   */
  List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension);

  /**
   * The {@code (extension, title)} exports of a document type ({@code text}, {@code
   * spreadsheet}, ...), for handlers that know such types; empty otherwise.
   */
  default List<FormatEntry> exportsOfDocumentType(String documentType) {
    return List.of();
  }

  /**
   * The document's metadata with the original's keys and value forms: strings, {@code
   * Keywords} as a list of strings, dates as {@code DD/MM/YYYY HH:MM:SS}. With {@code
   * baseDocument}, the entry {@code Data} holds the document stored in its native format
   * (a {@link Path}: the request's document itself, or a file in the job directory).
   */
  default Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    throw CloudoooException.unsupported("the " + name() + " handler cannot read metadata");
  }

  /**
   * Writes metadata (keys already capitalised as the original does).
   *
   * @return the updated document, a file in the job directory
   */
  default Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    throw CloudoooException.unsupported("the " + name() + " handler cannot write metadata");
  }

  /** Whether {@link #runMacro} is implemented. */
  default boolean runsMacros() {
    return false;
  }

  /**
   * Runs a client's Basic module on a worker that is restarted afterwards; the macro writes
   * its result into the request's output folder.
   */
  default void runMacro(MacroRequest request) {
    throw new CloudoooException(org.cloudooo.core.ErrorKind.NOT_IMPLEMENTED, "the " + name() + " handler cannot run macros");
  }

  /** Snapshots of the handler's worker pools, for health and status; empty when it has none. */
  default List<PoolStatus> pools() {
    return List.of();
  }

  /**
   * The server accepts requests: the handler starts what it held back so as not to slow the
   * start-up (the office pool's other workers and spares). Returns at once.
   */
  default void serving() {}

  /**
   * The server begins to stop: the handler stops taking work from listeners of its own (the
   * office's UNO pass-through) at once; what runs may finish until {@link #close}. Returns at once.
   */
  default void beginShutdown() {}

  /** Stops the backend processes; called once at shutdown. */
  @Override
  void close();
}
