package org.cloudooo.handler.office;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Guesses the field separator of CSV text from its first 1024 characters, as the original
 * does with Python's {@code csv.Sniffer}: the candidate that appears the same number of times
 * on most lines wins; comma when nothing stands out.
 */
final class CsvDialect {

  private static final List<Character> CANDIDATES = List.of(',', ';', '\t', '|', ':');
  private static final int SAMPLE_CHARACTERS = 1024;

  private CsvDialect() {}

  static char separatorOf(byte[] utf8Text) {
    String text = new String(utf8Text, StandardCharsets.UTF_8);
    String sample = text.substring(0, Math.min(text.length(), SAMPLE_CHARACTERS));
    List<String> lines = Arrays.stream(sample.split("\r\n|\n|\r")).filter(l -> !l.isBlank()).toList();
    if (lines.size() > 1 && sample.length() == SAMPLE_CHARACTERS) {
      lines = lines.subList(0, lines.size() - 1); // the last line is cut by the sample
    }
    char best = ',';
    double bestScore = 0;
    for (char candidate : CANDIDATES) {
      double score = consistency(lines, candidate);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /** Share of lines having the most common non-zero count of the character, weighted by that count. */
  private static double consistency(List<String> lines, char candidate) {
    if (lines.isEmpty()) {
      return 0;
    }
    int[] counts = lines.stream().mapToInt(line -> countOutsideQuotes(line, candidate)).toArray();
    int mode = 0;
    int modeFrequency = 0;
    for (int count : counts) {
      if (count == 0) {
        continue;
      }
      int frequency = (int) Arrays.stream(counts).filter(c -> c == count).count();
      if (frequency > modeFrequency || (frequency == modeFrequency && count > mode)) {
        mode = count;
        modeFrequency = frequency;
      }
    }
    return mode == 0 ? 0 : (double) modeFrequency / lines.size() + Math.min(mode, 10) / 1000.0;
  }

  private static int countOutsideQuotes(String line, char candidate) {
    int count = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == candidate && !quoted) {
        count++;
      }
    }
    return count;
  }
}
