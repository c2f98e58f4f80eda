package org.cloudooo.handler.office;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.cloudooo.supervision.ProcessTree;
import org.jodconverter.local.process.ProcessManager;
import org.jodconverter.local.process.ProcessQuery;

/**
 * How one jodconverter manager finds and kills its soffice, with a rule of ours: the manager
 * starts soffice once, and the pool does every restart (with a fresh manager).
 *
 * <p>On a lost connection (a crash, a kill, the kill after a task timeout) jodconverter starts
 * soffice again by itself. The pool then had to wait for that start before it could stop the
 * new process and start its own: every broken worker cost two soffice starts, 15 to 40 s on a
 * busy machine, while the pool was a worker short, and failures that came meanwhile left
 * requests waiting for a worker for most of a minute. jodconverter's restart begins by looking
 * for a soffice already on the port; once the manager has started, that look-up is refused,
 * which ends the restart at once (jodconverter logs "Could not restart the office process").
 */
final class StartOnceProcessManager implements ProcessManager {

  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final String workerId;
  private volatile boolean started;

  StartOnceProcessManager(String workerId) {
    this.workerId = workerId;
  }

  /** Called once the manager's start is done: from now on jodconverter may not start soffice. */
  void started() {
    started = true;
  }

  @Override
  public long findPid(ProcessQuery query) throws IOException {
    if (started) {
      throw new IOException("jodconverter's own restart of " + workerId + " is refused on purpose: the pool restarts it");
    }
    return ProcessTree.find(query.getCommand(), query.getArgument()).map(ProcessHandle::pid).orElse(PID_NOT_FOUND);
  }

  /**
   * SIGKILL (a frozen soffice would not act on anything gentler) for soffice and its children,
   * waiting a bounded time until they are gone: the pool's restart needs the port free.
   */
  @Override
  public void kill(Process process, long pid) {
    Optional<ProcessHandle> target = pid > 0 ? ProcessHandle.of(pid) : Optional.ofNullable(process).map(Process::toHandle);
    target.ifPresent(backend -> ProcessTree.kill(backend, KILL_GRACE));
  }
}
