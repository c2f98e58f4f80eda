package org.cloudooo.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fresh directory per request under {@code working_path/tmp}, removed when the request ends. */
final class JobDirectories {

  private static final Logger LOG = LoggerFactory.getLogger(JobDirectories.class);

  private final Path root;

  JobDirectories(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  /** A job directory; close it (try-with-resources) to delete it with everything inside. */
  Job create() throws IOException {
    return new Job(Files.createTempDirectory(root, "job"));
  }

  record Job(Path directory) implements AutoCloseable {
    @Override
    public void close() {
      try {
        PathUtils.deleteDirectory(directory);
      } catch (IOException e) {
        LOG.warn("could not delete job directory {}: {}", directory, e.getMessage());
      }
    }
  }
}
