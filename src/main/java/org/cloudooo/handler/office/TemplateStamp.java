package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a kept LibreOffice profile was made by, as text stored beside it: the installation (its
 * build and the size and modification time of the files that a package upgrade, an added module
 * or a bundled extension changes), the environment soffice runs in (its locale is fixed in the
 * profile at the first start) and {@link LinkBlocking}'s settings. A template whose stamp
 * differs from the running server's is rebuilt rather than trusted.
 *
 * @param text one line per fact, compared as a whole
 */
record TemplateStamp(String text) {

  /** Bumped when what a template holds changes in a way the other lines do not show. */
  private static final int LAYOUT = 2;
  /** Hex digits of the text's SHA-256 that name the template directory. */
  private static final int ID_LENGTH = 16;

  static TemplateStamp of(Path officeHome, Map<String, String> environment) throws IOException {
    StringBuilder text = new StringBuilder().append("layout ").append(LAYOUT).append('\n');
    text.append("build ").append(buildId(officeHome)).append('\n');
    for (Path file : installationFiles(officeHome)) {
      text.append("file ").append(officeHome.relativize(file)).append(' ').append(Files.size(file)).append(' ')
          .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
    }
    new TreeMap<>(environment).forEach((name, value) -> text.append("env ").append(name).append('=').append(value).append('\n'));
    text.append("link-blocking ").append(sha256(LinkBlocking.settings()), 0, ID_LENGTH).append('\n');
    return new TemplateStamp(text.toString());
  }

  /** A short name for this stamp, the same for the same text. */
  String id() {
    return sha256(text).substring(0, ID_LENGTH);
  }

  /** {@code buildid} of {@code program/versionrc} (Debian's patch releases share it: the file lines tell them apart). */
  private static String buildId(Path officeHome) throws IOException {
    Path versionrc = officeHome.resolve("program").resolve("versionrc");
    if (!Files.isRegularFile(versionrc)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(versionrc, StandardCharsets.ISO_8859_1)) {
      return lines.filter(line -> line.startsWith("buildid=")).map(line -> line.substring("buildid=".length()))
          .findFirst().orElse("unknown");
    }
  }

  /** The program's entry points and core library, each module's configuration, the bundled extensions. */
  private static List<Path> installationFiles(Path officeHome) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String name : List.of("soffice.bin", "versionrc", "libmergedlo.so")) {
      Path file = officeHome.resolve("program").resolve(name);
      if (Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    files.addAll(sortedEntries(officeHome.resolve("share").resolve("registry")));
    files.addAll(sortedEntries(officeHome.resolve("share").resolve("extensions")));
    return files;
  }

  private static List<Path> sortedEntries(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
