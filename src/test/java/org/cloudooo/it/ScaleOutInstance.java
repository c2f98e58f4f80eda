package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One cloudooo instance behind HAProxy, pool of one, on ports that stay the same across its restarts. */
final class ScaleOutInstance implements AutoCloseable {

  final String name;
  final int httpPort;
  final int unoPort;
  final Path workingPath;
  private final List<String> settings;
  ServerProcess process;

  /** @param settings more {@code -Dkey=value} settings */
  ScaleOutInstance(String name, int httpPort, Path root, String... settings) throws Exception {
    this.name = name;
    this.httpPort = httpPort;
    this.unoPort = TestServers.freePortPair();
    this.workingPath = root.resolve(name);
    this.settings = List.of(settings);
  }

  void start() throws Exception {
    List<String> all = new ArrayList<>(List.of("-Dserver.port=" + httpPort, "-Dpool_size=1", "-Dspare_workers=0",
        "-Dopenoffice_port=" + unoPort));
    all.addAll(settings);
    process = ServerProcess.start(workingPath, all.toArray(String[]::new));
    assertThat(process.awaitPort()).isEqualTo(httpPort);
  }

  /**
   * After a failure midway: SIGTERM so that the server stops its soffice itself, else SIGKILL
   * and then its soffice by pid (a JVM killed outright leaves them behind).
   */
  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    try {
      if (ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)) {
        process.signal("TERM");
        process.awaitExit();
      }
    } finally {
      process.close();
      for (String soffice : ServerProcess.sofficeProcessesOn(unoPort)) {
        new ProcessBuilder("kill", "-KILL", soffice.strip().split("\\s+")[0]).start().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
