package org.cloudooo.supervision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;

/**
 * Runs the short-lived external processes of one handler (ffmpeg, ImageMagick) through a
 * {@link WorkerPool} of {@link ProcessSlot}s: at most {@link ProcessLimits#concurrency()} at
 * once, a bounded wait and a queue cap (busy answers), each run killed with everything it
 * started when it outlives {@link ProcessLimits#timeout()}, and a run that was killed by a
 * signal or timed out tried once more. The pool shows in status, health and metrics like the
 * office pool.
 *
 * <p>Every process it starts is dead when {@link #run} returns, and {@link #close()} kills
 * whatever is still running at shutdown.
 */
public final class ProcessSupervisor implements AutoCloseable {

  private final ProcessLimits limits;
  private final WorkerPool<ProcessSlot> pool;

  /**
   * @param environment added to (and overriding) the server's environment for every run; the
   *     configuration's {@code env-*} entries
   */
  public ProcessSupervisor(ProcessLimits limits, Map<String, String> environment, PoolListener listener) {
    this.limits = limits;
    List<ProcessSlot> slots = new ArrayList<>();
    for (int i = 1; i <= limits.concurrency(); i++) {
      slots.add(new ProcessSlot(limits.name() + "-" + i, limits, Map.copyOf(environment)));
    }
    var settings = PoolSettings.forRuns(limits.name(), limits.concurrencyKey(), limits.queueTimeout(), limits.maxQueue());
    this.pool = WorkerPool.start(slots, slots.size(), settings, listener);
  }

  /**
   * Runs a command in {@code directory} (its working directory, so arguments can name the
   * request's files relatively and no server path shows in what it prints) and returns its
   * result whatever its exit code.
   *
   * @param task what the run does, for logs and faults ({@code converting mp4 to webm})
   * @throws CloudoooException busy when no slot frees within {@code queue_timeout} or too many
   *     wait; {@code TimeoutError} when both attempts outlived the timeout; failed when the
   *     program cannot start or was killed on both attempts
   */
  public ProcessResult run(String task, List<String> command, Path directory) {
    try {
      return pool.run(slot -> slot.run(task, command, directory), RetryPolicy.RESUBMIT_ONCE);
    } catch (BackendFailure e) {
      throw e.asFault();
    } catch (CloudoooException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed("interrupted while waiting to start " + limits.name() + "; retry later", e);
    } catch (Exception e) {
      throw CloudoooException.failed(limits.name() + " could not run " + task + ": " + e.getMessage(), e);
    }
  }

  /** {@link #run}, with a non-zero exit code answered by {@link #failure}. */
  public ProcessResult runChecked(String task, List<String> command, Path directory) {
    ProcessResult result = run(task, command, directory);
    if (!result.succeeded()) {
      throw failure(limits.name(), task, result, "");
    }
    return result;
  }

  /**
   * The fault of a run that exited with an error: the program, the task, the exit code,
   * {@code hint} (what may be wrong, may be empty) and the stderr tail.
   */
  public static CloudoooException failure(String program, String task, ProcessResult result, String hint) {
    return CloudoooException.failed(program + " failed " + task + " (exit code " + result.exitCode() + ")"
        + (hint.isEmpty() ? "" : "; " + hint) + result.lastOutput(), null);
  }

  /** A snapshot of the pool, for status, health and metrics. */
  public PoolStatus status() {
    return pool.status();
  }

  /** Refuses new runs and kills every process still running. */
  @Override
  public void close() {
    pool.close();
  }
}
