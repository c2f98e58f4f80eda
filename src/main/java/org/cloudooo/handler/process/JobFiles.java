package org.cloudooo.handler.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.supervision.ProcessResult;

/**
 * The files a run reads and writes in a request's directory, named relatively (the run works
 * in that directory), so that no server path reaches a command line or a fault.
 */
public final class JobFiles {

  private JobFiles() {}

  /**
   * Puts the client's document as {@code name} into the directory (a hard link, else a copy:
   * the programs only read it); returns {@code name}.
   */
  public static String stage(Path directory, String name, Path document) {
    Path staged = directory.resolve(name);
    try {
      try {
        Files.createLink(staged, document);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(document, staged);
      }
      return name;
    } catch (IOException e) {
      throw CloudoooException.failed("could not use the working directory: " + e.getMessage(), e);
    }
  }

  /**
   * The file a run wrote as {@code name}; when it wrote nothing, a fault saying so with
   * {@code hint} (what may be wrong) and the run's last output.
   *
   * @param program who was to write it ({@code ffmpeg}, {@code ImageMagick})
   * @param task what the run did ({@code converting mp4 to webm})
   */
  public static Path requireOutput(Path directory, String name, String program, String task, String hint, ProcessResult run) {
    Path output = directory.resolve(name);
    try {
      if (!Files.isRegularFile(output) || Files.size(output) == 0) {
        throw CloudoooException.failed(program + " wrote nothing " + task + "; " + hint + run.lastOutput(), null);
      }
      return output;
    } catch (IOException e) {
      throw CloudoooException.failed("could not read the result of " + task + ": " + e.getMessage(), e);
    }
  }
}
