package org.cloudooo.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job as a transport hands it over: the documents already in files of the request's
 * workspace (the job store takes them over), and the client's arguments as they came.
 *
 * @param documents the documents; several (or a list of one) make a batch
 * @param batch whether the client sent a list
 * @param destinationFormat the target extension; empty for the native format
 * @param zip {@code convertFile}'s zip flag
 * @param refresh {@code convertFile}'s refresh flag
 * @param conversionOptions {@code conversion_kw}
 * @param jobOptions {@code job_options}, checked by the job service
 */
public record JobSubmission(
    List<Document> documents,
    boolean batch,
    String destinationFormat,
    boolean zip,
    boolean refresh,
    Map<String, Object> conversionOptions,
    Map<String, Object> jobOptions) {

  /**
   * One document.
   *
   * @param name its file name (in a batch's zip, in a macro's input folder); null for a default one
   * @param file its bytes, a file the job store may move
   * @param sourceFormat its extension
   */
  public record Document(String name, Path file, String sourceFormat) {}
}
