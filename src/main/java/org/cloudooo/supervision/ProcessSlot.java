package org.cloudooo.supervision;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.core.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place of a {@link ProcessSupervisor}'s pool: runs one short-lived process at a time, in
 * its own process group, in the request's directory, with stdin closed, stdout and stderr
 * captured in files, and kills it with everything it started when it outlives its timeout.
 * There is no long-lived backend: starting the slot costs nothing, killing it kills the run.
 */
final class ProcessSlot implements PooledWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessSlot.class);

  /** How long a killed tree may take to disappear. */
  static final Duration KILL_GRACE = Duration.ofSeconds(10);
  /** The most stdout a run may write that is read back into memory (ffprobe JSON, identify). */
  static final long MAX_STDOUT_BYTES = 64L << 20;
  /** Exit codes above this are 128 + the number of the signal that killed the process. */
  private static final int KILLED_BY_SIGNAL = 128;

  private static final File NO_INPUT = new File("/dev/null");

  private final String id;
  private final ProcessLimits limits;
  private final Map<String, String> environment;
  private volatile Process current;

  ProcessSlot(String id, ProcessLimits limits, Map<String, String> environment) {
    this.id = id;
    this.limits = limits;
    this.environment = environment;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean keepsBackend() {
    return false;
  }

  @Override
  public void start() {}

  @Override
  public long pid() {
    Process process = current;
    return process == null ? -1 : process.pid();
  }

  @Override
  public long rssBytes() {
    Process process = current;
    return process == null ? 0 : ProcessTree.residentBytes(process.toHandle());
  }

  /**
   * Runs the command in {@code directory} and returns its result whatever its exit code.
   *
   * @throws BackendFailure when the process was killed by a signal or outlived its timeout
   */
  ProcessResult run(String task, List<String> command, Path directory) {
    Path runDirectory;
    try {
      runDirectory = Files.createTempDirectory(directory, "." + limits.name() + "-");
    } catch (IOException e) {
      throw CloudoooException.failed("could not use the working directory: " + e.getMessage(), e);
    }
    try {
      return runIn(task, command, directory, runDirectory);
    } finally {
      try {
        PathUtils.deleteDirectory(runDirectory);
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", runDirectory, e.getMessage());
      }
    }
  }

  private ProcessResult runIn(String task, List<String> command, Path directory, Path runDirectory) {
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
    current = process;
    String hiddenPrefix = directory.toAbsolutePath() + File.separator;
    try {
      if (!process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        String tail = OutputTail.read(stderr, hiddenPrefix);
        LOG.warn("{} {}: killed after {} s ({})", limits.name(), task, limits.timeout().toSeconds(), limits.timeoutKey());
        throw new BackendFailure(BackendFailure.Breakdown.TIMEOUT,
            task + " took longer than " + limits.timeoutKey() + " (" + limits.timeout().toSeconds() + " s): " + limits.name()
                + " was killed with every process it started"
                + ". The input may be damaged or too long for this server; an operator can raise " + limits.timeoutKey()
                + ProcessResult.lastOutput(tail));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      int exitCode = process.exitValue();
      LOG.info("{} {}: exit code {} in {} ms", limits.name(), task, exitCode, elapsed.toMillis());
      String tail = OutputTail.read(stderr, hiddenPrefix);
      if (exitCode > KILLED_BY_SIGNAL) {
        throw new BackendFailure(BackendFailure.Breakdown.CRASH,
            limits.name() + " was killed by signal " + (exitCode - KILLED_BY_SIGNAL) + " " + task + ProcessResult.lastOutput(tail));
      }
      return new ProcessResult(exitCode, readStdout(stdout, task), tail, elapsed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed(task + " was interrupted: the server is shutting down; retry later", e);
    } finally {
      // Also on success: nothing the command started may outlive the request.
      kill(process);
      current = null;
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

  private void kill(Process process) {
    List<ProcessHandle> survivors = ProcessTree.kill(process.toHandle(), KILL_GRACE);
    if (!survivors.isEmpty()) {
      LOG.error("{}: processes {} survived SIGKILL for {} s", limits.name(), survivors, KILL_GRACE.toSeconds());
    }
  }

  /** Kills the run in progress, if any, with everything it started. */
  @Override
  public void kill() {
    Process process = current;
    if (process != null) {
      kill(process);
    }
  }

  @Override
  public void stop() {
    kill();
  }
}
