package org.cloudooo.handler.imagemagick;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata of {@code identify -verbose}, read as the original does: every line that
 * starts with a letter once stripped is a {@code key: value} entry (nested sections are
 * flattened, a later key wins); other lines (histogram counts, ...) are skipped. Keys are
 * ImageMagick's: {@code Format}, {@code Mime type}, {@code Geometry}, {@code Colorspace},
 * {@code Compression}, ...
 *
 * <p>Where the original stored a line holding several colons under the key {@code ''} (its
 * quirk Q-9), the key here is what comes before the first {@code ": "}: {@code date:create},
 * {@code Elapsed time}.
 */
final class IdentifyOutput {

  private IdentifyOutput() {}

  static Map<String, Object> parse(String output) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || !Character.isLetter(line.charAt(0)) || line.indexOf(':') < 0) {
        continue;
      }
      int separator = line.indexOf(": ");
      if (separator >= 0) {
        metadata.put(line.substring(0, separator), line.substring(separator + 2).strip());
      } else if (line.endsWith(":")) {
        metadata.put(line.substring(0, line.length() - 1), "");
      } else {
        int colon = line.indexOf(':');
        metadata.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return metadata;
  }
}
