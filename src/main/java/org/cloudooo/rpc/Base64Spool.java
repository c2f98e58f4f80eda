package org.cloudooo.rpc;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes base64 text into a file as it arrives, in pieces of any size, with the rules of
 * {@link Base64#getMimeDecoder()} (and of Python's {@code a2b_base64}): characters outside the
 * alphabet, line breaks included, are skipped; padding ends the data. The text is never held
 * whole: memory stays at one block however large the document.
 */
final class Base64Spool implements Closeable {

  /** Alphabet characters decoded at a time; a multiple of 4, so that blocks decode alone. */
  private static final int BLOCK = 64 * 1024;
  /** Characters kept from the first {@code =} on: enough for the decoder to judge the ending. */
  private static final int MAX_TAIL = 8;

  private final Path file;
  private final OutputStream out;
  private final byte[] block = new byte[BLOCK];
  private final byte[] decoded = new byte[BLOCK / 4 * 3];
  private int blockLength;
  private final byte[] tail = new byte[MAX_TAIL];
  private int tailLength;
  private int tailPadding;
  private String error;
  private boolean closed;

  Base64Spool(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), BLOCK);
  }

  void write(char[] text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c == '=' || tailLength > 0) {
        keepInTail(c);
      } else if (isAlphabet(c)) {
        block[blockLength++] = (byte) c;
        if (blockLength == BLOCK) {
          out.write(decoded, 0, Base64.getDecoder().decode(block, decoded));
          blockLength = 0;
        }
      }
    }
  }

  void write(String text) throws IOException {
    write(text.toCharArray(), 0, text.length());
  }

  /** From the first {@code =} on; extra padding is ignored and data after it fails the decode. */
  private void keepInTail(char c) {
    if (c == '=' && ++tailPadding > 2 || !isAlphabet(c) && c != '=' || tailLength == MAX_TAIL) {
      return;
    }
    tail[tailLength++] = (byte) c;
  }

  /** Decodes what is left and closes the file; a decoding error is kept for {@link #error}. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      byte[] rest = Arrays.copyOf(block, blockLength + tailLength);
      System.arraycopy(tail, 0, rest, blockLength, tailLength);
      out.write(Base64.getMimeDecoder().decode(rest));
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
  }

  /** Why the text is not valid base64, once closed. */
  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  Path file() {
    return file;
  }

  private static boolean isAlphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  }
}
