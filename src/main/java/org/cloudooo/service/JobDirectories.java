package org.cloudooo.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.handler.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fresh directory per request under {@code working_path/tmp}, removed when the request ends. */
final class JobDirectories {

  private static final Logger LOG = LoggerFactory.getLogger(JobDirectories.class);

  private final Path root;

  JobDirectories(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  /** Runs work in a fresh job directory, deleted with everything inside when the work ends. */
  <T> T inJob(Function<Path, T> work) {
    Path directory;
    try {
      directory = Files.createTempDirectory(root, "job");
    } catch (IOException e) {
      throw CloudoooException.failed("could not use the working directory: " + e.getMessage(), e);
    }
    try {
      return work.apply(directory);
    } finally {
      try {
        PathUtils.deleteDirectory(directory);
      } catch (IOException e) {
        LOG.warn("could not delete job directory {}: {}", directory, e.getMessage());
      }
    }
  }
}
