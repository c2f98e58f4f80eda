package org.cloudooo.handler.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory for runs outside any request (a handler asking its program what it supports at
 * start), deleted with everything inside when closed.
 */
public final class ScratchDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /** A fresh directory under {@code parent}, named {@code prefix...}. */
  public static ScratchDirectory create(Path parent, String prefix) {
    try {
      return new ScratchDirectory(Files.createTempDirectory(parent, prefix));
    } catch (IOException e) {
      throw new IllegalStateException("could not use the working directory " + parent + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      PathUtils.deleteDirectory(path);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.getMessage());
    }
  }
}
