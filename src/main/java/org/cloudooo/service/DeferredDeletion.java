package org.cloudooo.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished workspaces off the request's path: a workspace is renamed into a trash
 * directory beside the job root (one rename, so the job root holds nothing of it once the
 * answer is sent) and deleted there by a thread of its own. Deleting a conversion's eight files
 * and directories took 2 to 4 ms under load here, waiting on the file system's journal, and the
 * client's next call on the same connection waited with it.
 */
final class DeferredDeletion implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeferredDeletion.class);
  /** How long {@link #close} waits for the deletions under way before deleting the rest itself. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final Path trash;
  private final AtomicLong names = new AtomicLong();
  private final ExecutorService deleter = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "workspace-deletion");
    thread.setDaemon(true);
    return thread;
  });

  /** @param trash where workspaces wait for deletion; emptied now (left by a server that was killed) */
  DeferredDeletion(Path trash) throws IOException {
    this.trash = trash;
    if (Files.isDirectory(trash)) {
      PathUtils.deleteDirectory(trash);
    }
    Files.createDirectories(trash);
  }

  /** Moves {@code directory} out of the way at once and deletes it soon; deletes it now if it cannot be moved. */
  void delete(Path directory) {
    Path moved = trash.resolve(directory.getFileName() + "-" + names.incrementAndGet());
    try {
      Files.move(directory, moved, StandardCopyOption.ATOMIC_MOVE);
      deleter.execute(() -> deleteNow(moved));
    } catch (IOException | RejectedExecutionException e) {
      deleteNow(Files.exists(moved) ? moved : directory);
    }
  }

  static void deleteNow(Path directory) {
    try {
      PathUtils.deleteDirectory(directory);
    } catch (IOException e) {
      LOG.warn("could not delete job directory {}: {}", directory, e.getMessage());
    }
  }

  /** Finishes the deletions under way (within {@link #CLOSE_WAIT}) and empties the trash. */
  @Override
  public void close() {
    deleter.shutdown();
    try {
      deleter.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleter.shutdownNow();
    try {
      PathUtils.deleteDirectory(trash);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", trash, e.getMessage());
    }
  }
}
