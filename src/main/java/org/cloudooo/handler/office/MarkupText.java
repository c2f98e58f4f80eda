package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTML and CSS bytes as text, for finding links. Links are ASCII, and UTF-8 decoding keeps
 * every ASCII byte of any ASCII-compatible charset (an invalid byte becomes one U+FFFD), so
 * UTF-8 is assumed unless a byte-order mark says UTF-16.
 */
final class MarkupText {

  private MarkupText() {}

  static String read(Path file) throws IOException {
    return decode(Files.readAllBytes(file), Integer.MAX_VALUE);
  }

  /** The first {@code length} bytes of {@code bytes} (all when fewer) as text. */
  static String decode(byte[] bytes, int length) {
    int n = Math.min(length, bytes.length);
    if (n >= 2 && bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) {
      return new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE);
    }
    if (n >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) {
      return new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE);
    }
    int bom = n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    return new String(bytes, bom, n - bom, StandardCharsets.UTF_8);
  }
}
