package org.cloudooo.service;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cloudooo.core.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one transport request: the client's documents as they arrive, the handlers' job
 * directories and the answers, kept until the answer was sent and then removed together. The
 * directory is made on first use, so calls that carry no document touch no disk.
 */
public final class Workspace implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final Path root;
  /** Removes the directory once the request is done: at once, or {@link DeferredDeletion#delete}. */
  private final Consumer<Path> removal;
  private final List<Closeable> openFiles = new ArrayList<>();
  private Path directory;
  private int files;

  /** A workspace whose directory will be made under {@code root}, and deleted by {@link #close}. */
  public Workspace(Path root) {
    this(root, DeferredDeletion::deleteNow);
  }

  /** A workspace under the job root ({@code working_path/tmp}), handed to {@code removal} by {@link #close}. */
  Workspace(Path root, Consumer<Path> removal) {
    this.root = root;
    this.removal = removal;
  }

  /** Whether anything was written to the workspace. */
  public synchronized boolean isUsed() {
    return directory != null;
  }

  /** A new empty file in the workspace, named {@code <prefix>-<n><suffix>}. */
  public synchronized Path newFile(String prefix, String suffix) {
    try {
      return Files.createFile(directory().resolve(prefix + "-" + ++files + suffix));
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  /** A new empty directory in the workspace, for one handler call. */
  synchronized Path newDirectory(String prefix) {
    try {
      return Files.createDirectory(directory().resolve(prefix + "-" + ++files));
    } catch (IOException e) {
      throw unusable(e);
    }
  }

  private Path directory() throws IOException {
    if (directory == null) {
      directory = Files.createTempDirectory(root, "job");
    }
    return directory;
  }

  private static CloudoooException unusable(IOException e) {
    return CloudoooException.failed("could not use the working directory (working_path): " + e.getMessage(), e);
  }

  /** Closes {@code file} at the latest with the workspace: a request that breaks off leaks no descriptor. */
  public synchronized void closeWith(Closeable file) {
    openFiles.add(file);
  }

  /** Removes everything the request wrote from the job root. */
  @Override
  public synchronized void close() {
    for (Closeable file : openFiles) {
      try {
        file.close();
      } catch (IOException e) {
        LOG.debug("closing a request file: {}", e.getMessage());
      }
    }
    openFiles.clear();
    if (directory == null) {
      return;
    }
    removal.accept(directory);
    directory = null;
  }
}
