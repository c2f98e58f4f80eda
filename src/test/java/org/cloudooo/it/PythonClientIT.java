package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Python's xmlrpc.client, unchanged, as ERP5 uses it, against the real server. */
class PythonClientIT {

  @Test
  void pythonClientWorksUnchanged() throws Exception {
    runScript("erp5_style_client.py");
  }

  @Test
  void erp5LegacyFlowWorksEndToEnd() throws Exception {
    runScript("erp5_legacy_flow.py");
  }

  private void runScript(String name) throws Exception {
    int port = TestServers.office().port();
    Path script = Files.createTempFile(name.replace(".py", ""), ".py");
    try (InputStream in = getClass().getResourceAsStream("/python/" + name)) {
      Files.write(script, in.readAllBytes());
    }
    Process python =
        new ProcessBuilder("python3", script.toString(), String.valueOf(port), Path.of("tests-data").toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(python.waitFor(5, TimeUnit.MINUTES)).as("python client finished").isTrue();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).contains("all checks passed");
      assertThat(python.exitValue()).as(output).isZero();
    } finally {
      python.destroyForcibly();
      deleteQuietly(script);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file; the OS cleans it
    }
  }
}
