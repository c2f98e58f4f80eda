package org.cloudooo.jobs;

import java.util.HashSet;
import java.util.Set;
import org.cloudooo.core.CloudoooException;

/**
 * The names of a job's documents: file names in its input folder and in its result zip, so
 * plain names only (no folders, no {@code ..}, no control characters), each used once.
 */
final class DocumentNames {

  private static final int MAX_LENGTH = 200;

  private final Set<String> taken = new HashSet<>();

  /**
   * The document's name, or {@code document-N.FORMAT} when the client gave none.
   *
   * @param index the document's place in the job, from 1
   */
  String accept(String given, int index, String sourceFormat) {
    String name = given == null || given.isBlank()
        ? "document-" + index + (sourceFormat.isEmpty() ? "" : "." + sourceFormat) : given.strip();
    if (name.length() > MAX_LENGTH || name.equals(".") || name.equals("..") || name.startsWith(".")
        || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
      throw CloudoooException.badInput("document name '" + name + "' is not a plain file name (at most " + MAX_LENGTH
          + " characters, not starting with '.', without '/', '\\' or control characters)");
    }
    if (!taken.add(name)) {
      throw CloudoooException.badInput("document name '" + name + "' is given twice; the names of a job's documents must differ");
    }
    return name;
  }
}
