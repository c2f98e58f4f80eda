package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An initialised LibreOffice user profile, copied from the first worker that started, from
 * which later starts (recycling, restarts) begin: they then skip soffice's first-start cycle.
 * Until one is kept, starts begin from a seed that holds only {@link LinkBlocking}'s settings.
 */
final class ProfileTemplate {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileTemplate.class);

  private final Path directory;
  private final Path seed;
  private volatile boolean ready;

  ProfileTemplate(Path directory) throws IOException {
    this.directory = directory;
    this.seed = LinkBlocking.writeSeedProfile(directory.resolveSibling(directory.getFileName() + "-seed"));
  }

  Optional<Path> ready() {
    return ready ? Optional.of(directory) : Optional.empty();
  }

  /** The profile a start copies: the kept template, or the seed before one is kept. */
  Path toCopy() {
    return ready ? directory : seed;
  }

  /** Keeps a copy of the profile a worker just initialised under its working directory (once). */
  synchronized void offer(Path workerDirectory) {
    if (ready) {
      return;
    }
    try (Stream<Path> entries = Files.list(workerDirectory)) {
      Optional<Path> profile = entries.filter(p -> Files.isDirectory(p.resolve("user"))).findFirst();
      if (profile.isEmpty()) {
        return;
      }
      if (Files.exists(directory)) {
        PathUtils.deleteDirectory(directory);
      }
      PathUtils.copyDirectory(profile.get(), directory);
      ready = true;
      LOG.info("LibreOffice profile template kept for faster restarts");
    } catch (IOException e) {
      LOG.warn("could not keep a profile template ({}); restarts will initialise their profile", e.getMessage());
    }
  }
}
