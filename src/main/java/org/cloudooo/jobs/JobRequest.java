package org.cloudooo.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a job was asked to do, as kept in its status file: enough to run it again after a
 * restart. The documents themselves are files of the job's input folder, under their names.
 *
 * @param documents the documents, in the order given
 * @param batch whether the result is a zip of every document's output (a list was sent)
 * @param destinationFormat the target extension; empty for the native format
 * @param zip {@code convertFile}'s zip flag, per document
 * @param refresh {@code convertFile}'s refresh flag
 * @param conversionOptions {@code conversion_kw}
 * @param callbackUrl where the result is posted, null for none
 * @param errorCallbackUrl where a failure is posted, null for none
 * @param resultTtlSeconds how long the job is kept once finished
 * @param entryFunction the macro's entry function; null for a conversion job
 */
record JobRequest(
    List<Document> documents,
    boolean batch,
    String destinationFormat,
    boolean zip,
    boolean refresh,
    Map<String, Object> conversionOptions,
    String callbackUrl,
    String errorCallbackUrl,
    long resultTtlSeconds,
    String entryFunction) {

  /** One document: its file name in the job's input folder and its format. */
  record Document(String name, String sourceFormat) {}

  boolean isMacro() {
    return entryFunction != null;
  }
}
