package org.cloudooo.jobs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A job's zip result, written member by member from files (never held in memory). */
final class ResultZip implements AutoCloseable {

  private final ZipOutputStream zip;
  private final Set<String> names = new HashSet<>();

  ResultZip(Path target) throws IOException {
    zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)));
  }

  /** Adds a file; a name already taken gets {@code -2}, {@code -3}... before its extension. */
  void add(String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(unique(name)));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  /** Adds every file under a folder, by its path in it. */
  void addTree(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted().filter(Files::isRegularFile).toList()) {
        add(folder.relativize(file).toString().replace('\\', '/'), file);
      }
    }
  }

  private String unique(String name) {
    String candidate = name;
    int dot = name.lastIndexOf('.');
    for (int n = 2; !names.add(candidate); n++) {
      candidate = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }
    return candidate;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
