package org.cloudooo.handler.office;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.config.OfficeSettings;
import org.cloudooo.pool.PooledWorker;
import org.cloudooo.pool.ProcessTree;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.ExistingProcessAction;
import org.jodconverter.local.office.LocalOfficeManager;

/**
 * One soffice process on its own UNO port with its own profile, run by jodconverter (which
 * kills and restarts it on a task timeout, a lost connection or after
 * {@code limit_number_request} tasks).
 */
final class OfficeWorker implements PooledWorker {

  private static final long PROCESS_TIMEOUT_MS = 60_000;

  private final int port;
  private final LocalOfficeManager manager;

  OfficeWorker(OfficeSettings settings, int port, Path profileRoot, Map<String, String> environment) throws Exception {
    this.port = port;
    Path workingDir = Files.createDirectories(profileRoot.resolve("office-" + port));
    this.manager =
        LocalOfficeManager.builder()
            .officeHome(settings.officeHome().toFile())
            .hostName(settings.hostname())
            .portNumbers(port)
            .workingDir(workingDir.toFile())
            .maxTasksPerProcess(settings.limitNumberRequest())
            .taskExecutionTimeout(settings.timeoutResponse().toMillis())
            // The pool hands this worker to one request at a time: its queue never waits long.
            .taskQueueTimeout(settings.timeoutResponse().toMillis() + PROCESS_TIMEOUT_MS)
            .processTimeout(PROCESS_TIMEOUT_MS)
            .existingProcessAction(ExistingProcessAction.KILL)
            .startFailFast(true)
            .runAsArgs(environmentPrefix(environment))
            .build();
  }

  /** {@code env NAME=value ... }: jodconverter has no other way to set soffice's environment. */
  private static String[] environmentPrefix(Map<String, String> environment) {
    List<String> args = new ArrayList<>();
    args.add("/usr/bin/env");
    environment.forEach((name, value) -> args.add(name + "=" + value));
    return args.toArray(String[]::new);
  }

  @Override
  public String id() {
    return "office-" + port;
  }

  @Override
  public void start() throws OfficeException {
    manager.start();
  }

  /** The soffice.bin listening on this worker's port, if running. */
  private java.util.Optional<ProcessHandle> process() {
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

  void execute(OfficeTask task) throws OfficeException {
    manager.execute(task);
  }

  @Override
  public void stop() {
    try {
      manager.stop();
    } catch (OfficeException e) {
      org.slf4j.LoggerFactory.getLogger(OfficeWorker.class).warn("{} did not stop cleanly: {}", id(), e.getMessage());
    }
  }
}
