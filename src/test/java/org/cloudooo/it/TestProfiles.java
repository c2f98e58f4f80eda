package org.cloudooo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * The LibreOffice profile template that the first server of a test run kept, handed to the
 * working path of every later one: a server that finds none starts its first soffice from a
 * fresh profile, which soffice initialises and then restarts (exit code 81), and the suite
 * starts dozens of servers. Seeded servers take the path every server takes from its second run
 * on; ProfileTemplateIT alone tests the first run.
 */
final class TestProfiles {

  private static final String TEMPLATE_PREFIX = "profile-template-";
  private static final List<Path> watched = new ArrayList<>();
  private static Path kept;

  private TestProfiles() {}

  /**
   * Puts the kept templates under {@code workingPath}, if any was kept yet, and watches the
   * working path for a template to keep otherwise. A server finds its own template by name (its
   * stamp) and removes the others.
   */
  static synchronized void seed(Path workingPath) throws IOException {
    if (kept == null) {
      keepFirstFound();
    }
    if (kept != null) {
      Path office = Files.createDirectories(workingPath.resolve("office"));
      try (Stream<Path> templates = Files.list(kept)) {
        for (Path template : (Iterable<Path>) templates::iterator) {
          Path target = office.resolve(template.getFileName());
          if (!Files.exists(target)) {
            PathUtils.copyDirectory(template, target);
          }
        }
      }
    } else {
      watched.add(workingPath);
    }
  }

  /**
   * Keeps a template from a watched working path, if none is kept yet: called once a server
   * started (it publishes its template before it accepts) and before a working path is deleted.
   */
  static synchronized void keepOne() {
    if (kept == null) {
      try {
        keepFirstFound();
      } catch (IOException e) {
        // The next server makes its own template: slower, not wrong.
      }
    }
  }

  /** Copies the first template published under a watched working path, whole (published templates are). */
  private static void keepFirstFound() throws IOException {
    for (Path workingPath : watched) {
      Path office = workingPath.resolve("office");
      if (!Files.isDirectory(office)) {
        continue;
      }
      List<Path> templates;
      try (Stream<Path> entries = Files.list(office)) {
        templates = entries.filter(p -> p.getFileName().toString().startsWith(TEMPLATE_PREFIX)).toList();
      }
      for (Path template : templates) {
        Path store = Files.createTempDirectory("cloudooo-it-profiles");
        Path incoming = store.resolve(".incoming");
        try {
          PathUtils.copyDirectory(template, incoming);
          Files.move(incoming, store.resolve(template.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // Discarded or rebuilt by its server meanwhile: try the next one.
          deleteQuietly(store);
          continue;
        }
        kept = store;
        watched.clear();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(store)));
        return;
      }
    }
  }

  /** Not {@link TestServers#deleteQuietly}, which keeps a template first. */
  private static void deleteQuietly(Path directory) {
    try {
      PathUtils.deleteDirectory(directory);
    } catch (IOException e) {
      // A temp directory: the OS cleans it eventually.
    }
  }
}
