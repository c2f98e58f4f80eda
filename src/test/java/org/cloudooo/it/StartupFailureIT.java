package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A server that cannot start says why and exits non-zero, leaving no soffice behind. */
class StartupFailureIT {

  @Test
  void missingLibreOffice() throws Exception {
    Result result = run("-Doffice_home=/nonexistent/libreoffice", "-Dserver.port=0");
    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.output).contains("LibreOffice not found").contains("office_home");
  }

  @Test
  void httpPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result result = run("-Dserver.port=" + taken.getLocalPort());
      assertThat(result.exitCode).isEqualTo(1);
      assertThat(result.output).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("server.port");
    }
  }

  @Test
  void unoPortInUseByAnotherProgram() throws Exception {
    int first = TestServers.freePortPair();
    try (ServerSocket taken = new ServerSocket(first, 1, InetAddress.getByName("127.0.0.1"))) {
      Result result = run("-Dserver.port=0", "-Dopenoffice_port=" + first, "-Dpool_size=1");
      assertThat(result.exitCode).isEqualTo(1);
      assertThat(result.output).contains("UNO port 127.0.0.1:" + first).contains("openoffice_port");
      assertThat(ServerProcess.sofficeProcessesOn(first + 1)).isEmpty();
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... properties) throws Exception {
    Path workingPath = Files.createTempDirectory("cloudooo-startup");
    try (ServerProcess server = ServerProcess.start(workingPath, properties)) {
      int exitCode = server.awaitExit();
      return new Result(exitCode, server.output());
    } finally {
      TestServers.deleteQuietly(workingPath);
    }
  }
}
