package org.cloudooo.handler.office;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cloudooo.core.CloudoooException;

/**
 * Refuses decompression bombs: counts the bytes a package's members inflate to while they are
 * read, and stops as soon as the total passes {@code max_expanded_size} or one member expands
 * at a ratio no document reaches. The sizes the zip declares are only used to refuse sooner,
 * never to accept: what counts is what inflating really gives.
 */
final class ExpansionBudget {

  /**
   * The most a member may expand over its packed size. Deflate cannot pass 1032:1, which a
   * bomb of one repeated byte reaches (a 167 KB docx whose document.xml inflates to 150 MB).
   * Real parts stay far below: a 26 MB xlsx sheet packs at 15:1, an ods of 38 MB at 31:1,
   * a docx's document.xml at 5–20:1; even a paragraph pasted 30,000 times, the most
   * repetitive document we could make, packs at 300:1 (zlib's default level). 500 leaves room
   * on both sides; bombs made less dense to pass it must grow, and meet the total limit.
   */
  static final long MAX_RATIO = 500;

  /** Members smaller than this may have any ratio: a few kilobytes of empty cells harm no one. */
  static final long RATIO_FLOOR = 1L << 20;

  private final long maxTotalBytes;
  private final long maxRatio;
  private long totalBytes;

  private ExpansionBudget(long maxTotalBytes, long maxRatio) {
    this.maxTotalBytes = maxTotalBytes;
    this.maxRatio = maxRatio;
  }

  /** @param maxTotalBytes the most all members together may inflate to (max_expanded_size) */
  static ExpansionBudget of(long maxTotalBytes) {
    return new ExpansionBudget(maxTotalBytes, MAX_RATIO);
  }

  /** Refuses, before reading anything, a package whose declared sizes already pass a limit. */
  void refuseDeclaredExcess(ZipFile zip) {
    long declaredTotal = 0;
    for (Enumeration<? extends ZipEntry> members = zip.entries(); members.hasMoreElements(); ) {
      ZipEntry member = members.nextElement();
      long size = Math.max(0, member.getSize());
      if (size > memberLimit(member)) {
        throw tooDense(member.getName());
      }
      declaredTotal = saturatedSum(declaredTotal, size);
      if (declaredTotal > maxTotalBytes) {
        throw tooLarge();
      }
    }
  }

  /** {@code content} of {@code member}, counted against this budget as it is read. */
  InputStream count(ZipEntry member, InputStream content) {
    return new CountedMember(content, member.getName(), memberLimit(member));
  }

  private long memberLimit(ZipEntry member) {
    long packed = Math.max(1, member.getCompressedSize());
    long limit = packed > Long.MAX_VALUE / maxRatio ? Long.MAX_VALUE : packed * maxRatio;
    return Math.max(RATIO_FLOOR, limit);
  }

  private void charge(long bytes) {
    totalBytes = saturatedSum(totalBytes, bytes);
    if (totalBytes > maxTotalBytes) {
      throw tooLarge();
    }
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private CloudoooException tooLarge() {
    return CloudoooException.badInput(
        "This document expands to more than " + sizeText(maxTotalBytes) + " when unpacked (max_expanded_size): "
            + "it is too large to convert, or a decompression bomb. Send a smaller document, or split it in parts.");
  }

  private CloudoooException tooDense(String member) {
    return CloudoooException.badInput(
        "This document is refused as a decompression bomb: its part " + member + " expands more than "
            + maxRatio + " times its packed size, which no real document does. "
            + "Save it again from the application that made it, or send a smaller document.");
  }

  private static String sizeText(long bytes) {
    long mebibyte = 1L << 20;
    if (bytes % mebibyte == 0) {
      return bytes / mebibyte + " MiB";
    }
    return bytes < mebibyte ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MiB", (double) bytes / mebibyte);
  }

  /**
   * A member's inflated bytes, counted as the reader takes them. Closing it leaves the zip's
   * stream open: XML parsers close what they read, and what they left must still be counted.
   */
  private final class CountedMember extends FilterInputStream {
    private final String name;
    private final long limit;
    private long count;

    CountedMember(InputStream content, String name, long limit) {
      super(content);
      this.name = name;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      add(skipped);
      return skipped;
    }

    @Override
    public void close() {}

    private void add(long bytes) {
      count += bytes;
      if (count > limit) {
        throw tooDense(name);
      }
      charge(bytes);
    }
  }
}
