package org.cloudooo.supervision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a finished run left: its exit code, everything it wrote on stdout, and the last lines
 * of its stderr (with the run's directory removed from paths).
 */
public record ProcessResult(int exitCode, byte[] stdout, String stderrTail, Duration elapsed) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** {@code ". Last output:"} and the stderr tail, for the end of a fault message; empty without one. */
  public String lastOutput() {
    return lastOutput(stderrTail);
  }

  static String lastOutput(String stderrTail) {
    return stderrTail.isEmpty() ? "" : ". Last output:\n" + stderrTail;
  }
}
