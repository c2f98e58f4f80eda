package org.cloudooo.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * Documents travel as base64 text in {@code <string>} values, written as Python's {@code
 * encodebytes} writes it: 76-character lines, each ending in a newline. (Reading is {@link
 * Base64Spool}'s.)
 */
final class WireBase64 {

  private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(76, new byte[] {'\n'});
  /** Bytes encoded at a time: whole lines of 57 bytes, so that pieces join into one text. */
  private static final int PIECE = 57 * 1024;

  private WireBase64() {}

  static String encode(byte[] data) {
    return data.length == 0 ? "" : ENCODER.encodeToString(data) + "\n";
  }

  /** The length of {@code encode} of so many bytes: 4 characters per 3 bytes, and a newline per line of 57. */
  static long encodedLength(long bytes) {
    return (bytes + 2) / 3 * 4 + (bytes + 56) / 57;
  }

  /** The text of {@code encode(file's bytes)}, handed out in pieces: the file is never read whole. */
  static void encode(Path file, TextSink sink) throws IOException {
    byte[] buffer = new byte[PIECE];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.readNBytes(buffer, 0, PIECE)) > 0; ) {
        char[] text = encode(n == PIECE ? buffer : Arrays.copyOf(buffer, n)).toCharArray();
        sink.accept(text);
      }
    }
  }

  interface TextSink {
    void accept(char[] text) throws IOException;
  }
}
