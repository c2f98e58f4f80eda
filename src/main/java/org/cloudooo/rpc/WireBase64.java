package org.cloudooo.rpc;

import java.util.Base64;

/**
 * Documents travel as base64 text in {@code <string>} values. Decoding is lenient like
 * Python's {@code a2b_base64} (line breaks and other non-alphabet characters are skipped);
 * encoding is Python's {@code encodebytes}: 76-character lines, each ending in a newline.
 */
final class WireBase64 {

  private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(76, new byte[] {'\n'});

  private WireBase64() {}

  static byte[] decode(String text) {
    return Base64.getMimeDecoder().decode(text);
  }

  static String encode(byte[] data) {
    return data.length == 0 ? "" : ENCODER.encodeToString(data) + "\n";
  }
}
