package org.cloudooo.handler.process;

import java.time.Duration;
import java.util.List;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.supervision.ProcessLimits;
import org.cloudooo.supervision.ProcessSupervisor;

/**
 * Starts a process handler: makes its supervisor, lets the handler ask its programs what they
 * support (in a scratch directory deleted afterwards; answers an earlier start got are reused,
 * {@link KeptProbes}), and when that fails closes the supervisor and says how to install the
 * programs.
 */
public final class ProcessBackend {

  /** Runs a program once at start and returns what it printed; a fault when it fails. */
  @FunctionalInterface
  public interface Probe {
    String run(String task, List<String> command);
  }

  /** Builds the handler from its supervisor, probing its programs first. */
  @FunctionalInterface
  public interface HandlerFactory {
    Handler create(ProcessSupervisor supervisor, Probe probe);
  }

  private ProcessBackend() {}

  /**
   * @param name the handler's name: its pool's name and its keys' prefix ({@code ffmpeg})
   * @param poolSize runs at once ({@code <name>_pool_size})
   * @param timeout longest run ({@code <name>_timeout})
   * @param installHint how to get the programs ({@code install it (apt-get install ffmpeg) ...})
   */
  public static Handler start(
      HandlerContext context, String name, int poolSize, Duration timeout, String installHint, HandlerFactory factory) {
    var queue = context.config().queue();
    var limits = new ProcessLimits(name, poolSize, timeout, queue.queueTimeout(), queue.maxQueueSize());
    var environment = context.config().backendEnvironment();
    var supervisor = new ProcessSupervisor(limits, environment, context.poolListener());
    var kept = new KeptProbes(context.config().workingPath().resolve("probes").resolve(name + ".json"),
        environment.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "")), environment);
    try (var scratch = ScratchDirectory.create(context.config().jobRoot(), name + "-start")) {
      return factory.create(supervisor, (task, command) -> kept.output(name, task, command,
          () -> supervisor.runChecked(task, command, scratch.path()).stdoutText()));
    } catch (RuntimeException e) {
      supervisor.close();
      throw new IllegalStateException("the " + name + " handler could not start: " + e.getMessage() + "; " + installHint, e);
    }
  }
}
