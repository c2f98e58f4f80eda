package org.cloudooo.jobs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Which instance runs a job, when several share one job store. A marker file in the job's folder
 * says it: {@code queued} while anyone may take it, {@code claimed-INSTANCE} once an instance has.
 * Taking a job is renaming the marker: of several instances renaming the same file one wins,
 * the others find it gone. The claim's modification time is its lease, which the owner renews;
 * a claim not renewed for the lease is taken over the same way, by renaming it.
 *
 * <p>A file {@code cancel} asks the owner to stop the job (a deleteJob answered by another instance).
 * Leases compare file times with this machine's clock: instances sharing a volume need clocks
 * within a few seconds of each other.
 */
final class JobClaims {

  static final String QUEUED = "queued";
  static final String CLAIMED = "claimed-";
  static final String CANCEL = "cancel";

  /** Who holds a job, as its marker says. */
  sealed interface Holder {}

  /** Any instance may take it. */
  record Unclaimed() implements Holder {}

  /** An instance took it; {@code renewed} is when it last said it is alive. */
  record Claimed(String instanceId, Instant renewed) implements Holder {}

  /** No marker: a job stored before claims existed, or one being deleted. */
  record Unmarked() implements Holder {}

  private final String instanceId;
  private final Duration lease;
  private final Clock clock;

  JobClaims(String instanceId, Duration lease, Clock clock) {
    this.instanceId = instanceId;
    this.lease = lease;
    this.clock = clock;
  }

  String instanceId() {
    return instanceId;
  }

  /** Marks a new job's folder (before it is published) as free to take. */
  static void markQueued(Path folder) throws IOException {
    Files.createFile(folder.resolve(QUEUED));
  }

  Holder holder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.equals(QUEUED)) {
          return new Unclaimed();
        }
        if (name.startsWith(CLAIMED)) {
          return new Claimed(name.substring(CLAIMED.length()), Files.getLastModifiedTime(file).toInstant());
        }
      }
    } catch (IOException e) {
      // Deleted meanwhile (by this instance or another): nobody holds it.
    }
    return new Unmarked();
  }

  /** Whether this instance holds the job. */
  boolean mine(Holder holder) {
    return holder instanceof Claimed claimed && claimed.instanceId().equals(instanceId);
  }

  /** Whether another instance holds the job and has not renewed its claim within the lease: it is taken to be dead. */
  boolean expired(Holder holder) {
    return holder instanceof Claimed claimed && !claimed.instanceId().equals(instanceId)
        && claimed.renewed().plus(lease).isBefore(clock.instant());
  }

  /**
   * Takes the job if it is free, unmarked, already this instance's, or held by an instance whose
   * lease ran out.
   *
   * @return whether this instance holds it now (false: another instance does)
   */
  boolean claim(Path folder) {
    Holder holder = holder(folder);
    Path mine = folder.resolve(CLAIMED + instanceId);
    try {
      if (holder instanceof Unclaimed) {
        move(folder.resolve(QUEUED), mine);
      } else if (holder instanceof Claimed claimed && !mine(claimed)) {
        if (!expired(claimed)) {
          return false;
        }
        Path theirs = folder.resolve(CLAIMED + claimed.instanceId());
        // Renewed first: renamed, the file keeps its old time, and a third instance would take it over at once.
        Files.setLastModifiedTime(theirs, now());
        move(theirs, mine);
      } else if (holder instanceof Unmarked) {
        if (!Files.isDirectory(folder)) {
          return false;
        }
        // Marked free first, then taken as any free job: two instances creating their own claims would both win.
        try {
          markQueued(folder);
        } catch (FileAlreadyExistsException e) {
          // Another instance marked it too.
        }
        move(folder.resolve(QUEUED), mine);
      }
      Files.setLastModifiedTime(mine, now());
      return true;
    } catch (NoSuchFileException | FileAlreadyExistsException e) {
      // Another instance renamed (or created) the marker first.
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot claim the job in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Says that this instance is still running the job; false if it no longer holds it (taken over, or deleted). */
  boolean renew(Path folder) {
    try {
      Files.setLastModifiedTime(folder.resolve(CLAIMED + instanceId), now());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Gives a job this instance holds back to the queue, for any instance to take. */
  void release(Path folder) {
    try {
      move(folder.resolve(CLAIMED + instanceId), folder.resolve(QUEUED));
    } catch (IOException e) {
      // Taken over meanwhile, or deleted: nothing to give back.
    }
  }

  /** Asks the job's owner to stop it; false if the job is gone. */
  static boolean requestCancel(Path folder) {
    try {
      Files.createFile(folder.resolve(CANCEL));
      return true;
    } catch (FileAlreadyExistsException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean cancelRequested(Path folder) {
    return Files.exists(folder.resolve(CANCEL));
  }

  /** When this instance's claims must be renewed: three times per lease, so that one late renewal costs nothing. */
  Duration renewalInterval() {
    return Duration.ofMillis(Math.max(200, lease.toMillis() / 3));
  }

  private FileTime now() {
    return FileTime.from(clock.instant());
  }

  /** A rename that fails if {@code from} is gone: of several instances renaming one file, one wins. */
  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }
}
