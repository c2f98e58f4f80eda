package org.cloudooo.handler.ffmpeg;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What this machine's ffmpeg can write: its muxers and its non-experimental encoders, read
 * from {@code ffmpeg -hide_banner -muxers} and {@code -encoders}.
 */
record FfmpegCapabilities(Set<String> muxers, Set<String> encoders) {

  FfmpegCapabilities {
    muxers = Set.copyOf(muxers);
    encoders = Set.copyOf(encoders);
  }

  /**
   * Parses both listings. A muxer line is {@code " E  mp4    MP4 (MPEG-4 Part 14)"} (flags D
   * and E, then the name); an encoder line is {@code " V....D libx264   libx264 H.264 ..."}
   * whose fourth flag is {@code X} for an experimental encoder. Header lines are skipped:
   * only lines after the {@code --} separator count.
   */
  static FfmpegCapabilities parse(String muxerListing, String encoderListing) {
    Set<String> muxers = new LinkedHashSet<>();
    for (String[] fields : entries(muxerListing)) {
      if (fields.length >= 2 && fields[0].contains("E")) {
        muxers.add(fields[1]);
      }
    }
    Set<String> encoders = new LinkedHashSet<>();
    for (String[] fields : entries(encoderListing)) {
      if (fields.length >= 2 && fields[0].length() == 6 && fields[0].charAt(3) != 'X') {
        encoders.add(fields[1]);
      }
    }
    return new FfmpegCapabilities(muxers, encoders);
  }

  private static Iterable<String[]> entries(String listing) {
    String[] lines = listing.split("\n");
    int first = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith("--")) {
        first = i + 1;
        break;
      }
    }
    return java.util.Arrays.stream(lines, first, lines.length)
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .map(line -> line.split("\\s+"))
        .toList();
  }
}
