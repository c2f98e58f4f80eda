package org.cloudooo.supervision;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the short-lived external processes of one handler (ffmpeg, ImageMagick): at most
 * {@link ProcessLimits#concurrency()} at once (a fair semaphore; a request that waits longer
 * than {@code queue_timeout} is told the server is busy), each in its own process group, in a
 * directory of the request, with stdin closed, stdout and stderr captured in files there, and
 * killed with everything it started when it outlives {@link ProcessLimits#timeout()}.
 *
 * <p>Every process it starts is dead when {@link #run} returns, and {@link #close()} kills
 * whatever is still running at shutdown.
 */
public final class ProcessSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);

  /** How long a killed tree may take to disappear. */
  static final Duration KILL_GRACE = Duration.ofSeconds(10);
  /** The most stdout a run may write that is read back into memory (ffprobe JSON, identify). */
  static final long MAX_STDOUT_BYTES = 64L << 20;

  private static final File NO_INPUT = new File("/dev/null");

  private final ProcessLimits limits;
  private final Map<String, String> environment;
  private final Semaphore slots;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param environment added to (and overriding) the server's environment for every run; the
   *     configuration's {@code env-*} entries
   */
  public ProcessSupervisor(ProcessLimits limits, Map<String, String> environment) {
    this.limits = limits;
    this.environment = Map.copyOf(environment);
    this.slots = new Semaphore(limits.concurrency(), true);
  }

  public ProcessLimits limits() {
    return limits;
  }

  /**
   * Runs a command in {@code directory} (its working directory, so arguments can name the
   * request's files relatively and no server path shows in what it prints) and returns its
   * result whatever its exit code.
   *
   * @param task what the run does, for logs and faults ({@code converting mp4 to webm})
   * @throws CloudoooException busy when no slot frees within {@code queue_timeout};
   *     {@code TimeoutError} when the run outlives its timeout; failed when it cannot start
   */
  public ProcessResult run(String task, List<String> command, Path directory) {
    acquireSlot(task);
    try {
      return runInSlot(task, command, directory);
    } finally {
      slots.release();
    }
  }

  /** {@link #run}, with a non-zero exit code answered by {@link #failure}. */
  public ProcessResult runChecked(String task, List<String> command, Path directory) {
    ProcessResult result = run(task, command, directory);
    if (!result.succeeded()) {
      throw failure(task, result);
    }
    return result;
  }

  /** The fault of a run that exited with an error: the task, the exit code, the stderr tail. */
  public CloudoooException failure(String task, ProcessResult result) {
    return CloudoooException.failed(
        limits.name() + " failed " + task + " (exit code " + result.exitCode() + ")" + result.lastOutput(), null);
  }

  private void acquireSlot(String task) {
    if (closed) {
      throw CloudoooException.failed("the server is shutting down; retry later", null);
    }
    boolean acquired;
    try {
      acquired = slots.tryAcquire(limits.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed("interrupted while waiting to start " + limits.name() + "; retry later", e);
    }
    if (!acquired) {
      throw CloudoooException.busy(
          "server busy: all " + limits.concurrency() + " " + limits.name() + " slots (" + limits.concurrencyKey()
              + ") stayed busy for " + limits.queueTimeout().toSeconds() + " s before " + task + "; retry later");
    }
  }

  private ProcessResult runInSlot(String task, List<String> command, Path directory) {
    Path runDirectory;
    try {
      runDirectory = Files.createTempDirectory(directory, "." + limits.name() + "-");
    } catch (IOException e) {
      throw CloudoooException.failed("could not use the working directory: " + e.getMessage(), e);
    }
    try {
      return start(task, command, directory, runDirectory);
    } finally {
      deleteQuietly(runDirectory);
    }
  }

  private ProcessResult start(String task, List<String> command, Path directory, Path runDirectory) {
    Path stdout = runDirectory.resolve("stdout");
    Path stderr = runDirectory.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder()
            .directory(directory.toFile())
            .redirectInput(Redirect.from(NO_INPUT))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    // Temp files of the run (ImageMagick's disk pixel cache, ...) go with the request.
    builder.environment().put("TMPDIR", runDirectory.toString());
    Path program =
        ProcessTree.findExecutable(command.get(0), builder.environment().getOrDefault("PATH", ""))
            .orElseThrow(() -> CloudoooException.failed(
                "could not start " + command.get(0) + " for " + task + ": it is not on the PATH; is it installed?", null));
    builder.command(ProcessTree.inOwnGroup(program, command.subList(1, command.size())));
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw CloudoooException.failed("could not start " + program + " for " + task + ": " + e.getMessage(), e);
    }
    running.add(process);
    String hiddenPrefix = directory.toAbsolutePath() + File.separator;
    try {
      if (!process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        String tail = OutputTail.read(stderr, hiddenPrefix);
        LOG.warn("{} {}: killed after {} s ({})", limits.name(), task, limits.timeout().toSeconds(), limits.timeoutKey());
        throw new CloudoooException(ErrorKind.TIMEOUT_ERROR,
            task + " took longer than " + limits.timeoutKey() + " (" + limits.timeout().toSeconds() + " s): " + limits.name()
                + " was killed with every process it started. The input may be damaged or too long for this"
                + " server; an operator can raise " + limits.timeoutKey()
                + (tail.isEmpty() ? "." : ProcessResult.lastOutput(tail)));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      int exitCode = process.exitValue();
      LOG.info("{} {}: exit code {} in {} ms", limits.name(), task, exitCode, elapsed.toMillis());
      return new ProcessResult(exitCode, readStdout(stdout, task), OutputTail.read(stderr, hiddenPrefix), elapsed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed(task + " was interrupted: the server is shutting down; retry later", e);
    } finally {
      // Also on success: nothing the command started may outlive the request.
      killTree(process);
      running.remove(process);
    }
  }

  private byte[] readStdout(Path stdout, String task) {
    try {
      if (Files.size(stdout) > MAX_STDOUT_BYTES) {
        throw CloudoooException.failed(
            limits.name() + " wrote more than " + (MAX_STDOUT_BYTES >> 20) + " MiB of output " + task, null);
      }
      return Files.readAllBytes(stdout);
    } catch (IOException e) {
      throw CloudoooException.failed("could not read the output of " + limits.name() + ": " + e.getMessage(), e);
    }
  }

  private void killTree(Process process) {
    List<ProcessHandle> survivors = ProcessTree.kill(process.toHandle(), KILL_GRACE);
    if (!survivors.isEmpty()) {
      LOG.error("{}: processes {} survived SIGKILL for {} s", limits.name(), survivors, KILL_GRACE.toSeconds());
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      PathUtils.deleteDirectory(directory);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", directory, e.getMessage());
    }
  }

  /** Refuses new runs and kills every process still running. */
  @Override
  public void close() {
    closed = true;
    running.forEach(this::killTree);
  }
}
