package org.cloudooo.supervision;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines a process wrote to a file: what a fault message quotes. */
final class OutputTail {

  static final int MAX_BYTES = 4096;
  static final int MAX_LINES = 15;

  private OutputTail() {}

  /**
   * At most {@link #MAX_LINES} non-blank lines from the last {@link #MAX_BYTES} bytes of the
   * file, each occurrence of {@code hiddenPrefix} removed (so that server paths stay out of
   * faults); empty when the file is empty or unreadable.
   */
  static String read(Path file, String hiddenPrefix) {
    byte[] bytes;
    boolean truncated;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      truncated = length > MAX_BYTES;
      bytes = new byte[(int) Math.min(length, MAX_BYTES)];
      in.seek(length - bytes.length);
      in.readFully(bytes);
    } catch (IOException e) {
      return "";
    }
    return lastLines(new String(bytes, StandardCharsets.UTF_8), truncated, hiddenPrefix);
  }

  static String lastLines(String text, boolean startsMidLine, String hiddenPrefix) {
    List<String> lines = Arrays.asList(text.replace('\r', '\n').split("\n"));
    if (startsMidLine && !lines.isEmpty()) {
      lines = lines.subList(1, lines.size());
    }
    List<String> kept =
        lines.stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .map(line -> hiddenPrefix.isEmpty() ? line : line.replace(hiddenPrefix, ""))
            .toList();
    return String.join("\n", kept.subList(Math.max(0, kept.size() - MAX_LINES), kept.size()));
  }
}
