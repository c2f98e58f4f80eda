package org.cloudooo.handler.office;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.supervision.PooledWorker;
import org.cloudooo.supervision.ProcessTree;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.ExistingProcessAction;
import org.jodconverter.local.office.LocalOfficeManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One soffice process on its own UNO port with its own profile, run by jodconverter (which
 * kills it on a task timeout). Each start makes a fresh jodconverter manager, so the pool can
 * stop and start a worker as often as it recycles it; the pool alone restarts a soffice that
 * crashed or hung ({@link StartOnceProcessManager}).
 */
final class OfficeWorker implements PooledWorker {

  private static final Logger LOG = LoggerFactory.getLogger(OfficeWorker.class);
  private static final long PROCESS_TIMEOUT_MS = 60_000;
  private static final java.time.Duration KILL_GRACE = java.time.Duration.ofSeconds(10);

  private final OfficeSettings settings;
  private final int port;
  private final Path workingDir;
  private final String[] environmentPrefix;
  private final ProfileTemplate profileTemplate;
  private volatile LocalOfficeManager manager;
  /** The soffice this worker started, when found: its exit is seen without asking jodconverter. */
  private volatile Optional<ProcessHandle> soffice = Optional.empty();

  OfficeWorker(
      OfficeSettings settings, int port, Path profileRoot, Map<String, String> environment, ProfileTemplate profileTemplate)
      throws Exception {
    this.settings = settings;
    this.port = port;
    this.workingDir = Files.createDirectories(profileRoot.resolve("office-" + port));
    this.environmentPrefix = environmentPrefix(environment);
    this.profileTemplate = profileTemplate;
  }

  /** {@code env NAME=value ... }: jodconverter has no other way to set soffice's environment. */
  private static String[] environmentPrefix(Map<String, String> environment) {
    List<String> args = new ArrayList<>();
    args.add("/usr/bin/env");
    // A document left open by a soffice that was killed keeps its lock file; the worker that
    // gets the resubmitted document must not refuse it as "in use by another user".
    args.add("SAL_ENABLE_FILE_LOCKING=0");
    environment.forEach((name, value) -> args.add(name + "=" + value));
    return args.toArray(String[]::new);
  }

  @Override
  public String id() {
    return "office-" + port;
  }

  /**
   * Starts soffice from the profile template, or from a fresh profile when there is none yet
   * (then offering the profile it initialised) or when a start from the template failed.
   */
  @Override
  public synchronized void start() throws OfficeException {
    ProfileTemplate.Origin origin = profileTemplate.toCopy();
    try {
      startFrom(origin);
    } catch (OfficeException e) {
      if (!profileTemplate.discard(origin, id() + " did not start from it (" + e.getMessage() + ")")) {
        throw e;
      }
      origin = profileTemplate.toCopy();
      startFrom(origin);
    }
    profileTemplate.offer(workingDir);
  }

  private void startFrom(ProfileTemplate.Origin origin) throws OfficeException {
    var processes = new StartOnceProcessManager(id());
    LocalOfficeManager fresh =
        LocalOfficeManager.builder()
            // jodconverter makes a new profile at every start; from an initialised copy soffice
            // starts once instead of twice (a new profile makes it exit with 81 and restart).
            .templateProfileDirOrDefault(origin.directory().toFile())
            .officeHome(settings.officeHome().toFile())
            .hostName(settings.hostname())
            .portNumbers(port)
            .workingDir(workingDir.toFile())
            // The pool recycles workers itself, with a spare ready; jodconverter must not.
            .maxTasksPerProcess(Integer.MAX_VALUE)
            .taskExecutionTimeout(settings.timeoutResponse().toMillis())
            // The pool hands this worker to one request at a time: its queue never waits long.
            .taskQueueTimeout(settings.timeoutResponse().toMillis() + PROCESS_TIMEOUT_MS)
            .processTimeout(PROCESS_TIMEOUT_MS)
            .existingProcessAction(ExistingProcessAction.KILL)
            .startFailFast(true)
            .processManager(processes)
            .runAsArgs(environmentPrefix)
            .build();
    manager = fresh;
    try {
      fresh.start();
      processes.started();
      soffice = process();
      // Before the profile is offered as the template: the template then carries the settings.
      fresh.execute(new LinkBlocking());
      fresh.execute(new ProfileVersion());
    } catch (OfficeException e) {
      stop();
      throw e;
    }
  }

  /** The soffice.bin listening on this worker's port, if running. */
  private Optional<ProcessHandle> process() {
    return ProcessTree.find("soffice", "port=" + port + ",");
  }

  @Override
  public long pid() {
    return process().map(ProcessHandle::pid).orElse(-1L);
  }

  @Override
  public long rssBytes() {
    return process().map(ProcessTree::residentBytes).orElse(0L);
  }

  /**
   * Connected to its soffice, which is alive: a soffice that died is not restarted but by the
   * pool. jodconverter notices a death only when it next talks to soffice; one that exited while
   * idle (a UNO client's terminate(), ending a moment after the session) is seen at once.
   */
  @Override
  public boolean running() {
    LocalOfficeManager current = manager;
    return current != null && current.isRunning() && soffice.map(ProcessHandle::isAlive).orElse(true);
  }

  /** This worker's own UNO acceptor, which a pass-through session connects to. */
  java.net.InetSocketAddress unoAddress() {
    return new java.net.InetSocketAddress(settings.hostname(), port);
  }

  void execute(OfficeTask task) throws OfficeException {
    LocalOfficeManager current = manager;
    if (current == null) {
      throw new OfficeException(id() + " is not running");
    }
    if (!running()) {
      // It died after the pool lent it: fail now, so that the pool replaces it and resubmits,
      // instead of the task waiting out timeout_response in jodconverter's queue.
      throw new OfficeException(id() + ": soffice died since its last task");
    }
    current.execute(task);
  }

  @Override
  public void kill() {
    process().ifPresent(backend -> ProcessTree.kill(backend, KILL_GRACE));
    stop();
  }

  /** Stops soffice, then kills whatever of it (or its children) is still alive. */
  @Override
  public synchronized void stop() {
    LocalOfficeManager current = manager;
    manager = null;
    soffice = Optional.empty();
    if (current != null) {
      try {
        current.stop();
      } catch (OfficeException e) {
        LOG.warn("{} did not stop cleanly: {}", id(), e.getMessage());
      }
    }
    process().ifPresent(stray -> {
      LOG.warn("{}: soffice {} survived its stop; killing it and its children", id(), stray.pid());
      ProcessTree.kill(stray, KILL_GRACE);
    });
  }
}
