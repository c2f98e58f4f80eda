package org.cloudooo.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cloudooo.core.CloudoooException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

  @TempDir Path job;

  private static ProcessSupervisor supervisor(int concurrency, Duration timeout, Duration queueTimeout) {
    return new ProcessSupervisor(
        new ProcessLimits("test", concurrency, timeout, queueTimeout, 8), Map.of("CLOUDOOO_TEST", "yes"), PoolListener.NONE);
  }

  private static List<ProcessHandle> processesRunning(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().filter(line -> line.contains(marker)).isPresent())
        .toList();
  }

  @Test
  void capturesStdoutAndTheStderrTailWithoutServerPaths() throws Exception {
    try (var supervisor = supervisor(1, Duration.ofSeconds(20), Duration.ofSeconds(5))) {
      ProcessResult result =
          supervisor.run(
              "testing",
              List.of("sh", "-c", "echo \"$CLOUDOOO_TEST\"; echo out > file.txt; echo \"cannot read $PWD/in.bin\" >&2; exit 3"),
              job);
      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdoutText()).isEqualTo("yes\n");
      assertThat(result.stderrTail()).isEqualTo("cannot read in.bin");
      // The command worked in the request's directory; its own run directory is gone.
      try (Stream<Path> left = Files.list(job)) {
        assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("file.txt");
      }
    }
  }

  @Test
  void aFailedRunIsAFaultQuotingItsLastOutput() {
    try (var supervisor = supervisor(1, Duration.ofSeconds(20), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> supervisor.runChecked("converting x to y", List.of("sh", "-c", "echo 'bad header' >&2; exit 1"), job))
          .isInstanceOf(CloudoooException.class)
          .hasMessageContaining("test failed converting x to y (exit code 1)")
          .hasMessageContaining("bad header");
    }
  }

  @Test
  void aMissingProgramIsAFaultThatSaysSo() {
    try (var supervisor = supervisor(1, Duration.ofSeconds(20), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> supervisor.run("testing", List.of("no-such-program-cloudooo"), job))
          .isInstanceOf(CloudoooException.class)
          .hasMessageContaining("no-such-program-cloudooo")
          .hasMessageContaining("installed");
    }
  }

  @Test
  void aStalledRunIsKilledWithEveryProcessItStartedEvenOrphans() {
    String marker = "3" + ProcessHandle.current().pid() % 1000 + "7";
    // A child, and a grandchild whose parent exits at once (re-parented to init: no longer a
    // descendant, still in the process group).
    String script = "echo stalling >&2; sleep " + marker + "1 & (sleep " + marker + "2 &); sleep " + marker + "3";
    long started = System.nanoTime();
    try (var supervisor = supervisor(1, Duration.ofSeconds(1), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> supervisor.run("stalling on purpose", List.of("sh", "-c", script), job))
          .isInstanceOf(CloudoooException.class)
          .satisfies(e -> assertThat(((CloudoooException) e).kind().wireName()).isEqualTo("TimeoutError"))
          .hasMessageContaining("stalling on purpose took longer than test_timeout (1 s)")
          .hasMessageContaining("stalling");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(processesRunning("sleep " + marker)).isEmpty();
  }

  @Test
  void aRequestThatFindsNoFreeSlotInTimeIsToldTheServerIsBusy() throws Exception {
    try (var supervisor = supervisor(1, Duration.ofSeconds(20), Duration.ofMillis(300))) {
      var first = CompletableFuture.runAsync(() -> supervisor.run("holding", List.of("sleep", "1.5"), job));
      Thread.sleep(300);
      assertThatThrownBy(() -> supervisor.run("waiting", List.of("true"), job))
          .isInstanceOf(CloudoooException.class)
          .satisfies(e -> assertThat(((CloudoooException) e).kind().wireName()).isEqualTo("ServerBusy"))
          .hasMessageContaining("test_pool_size");
      first.get(10, TimeUnit.SECONDS);
      assertThat(supervisor.run("after", List.of("true"), job).succeeded()).isTrue();
    }
  }

  @Test
  void closeKillsWhatIsStillRunning() throws Exception {
    String marker = "4" + ProcessHandle.current().pid() % 1000 + "9";
    var supervisor = supervisor(1, Duration.ofSeconds(60), Duration.ofSeconds(5));
    var running = CompletableFuture.supplyAsync(() -> supervisor.run("running", List.of("sleep", marker), job));
    for (int i = 0; i < 50 && processesRunning("sleep " + marker).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(processesRunning("sleep " + marker)).hasSize(1);
    supervisor.close();
    // The run ends at once, killed, and is not tried again.
    assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasMessageContaining("killed by signal 9");
    assertThat(processesRunning("sleep " + marker)).isEmpty();
    assertThatThrownBy(() -> supervisor.run("after close", List.of("true"), job)).hasMessageContaining("shutting down");
  }

  @Test
  void theTailKeepsTheLastLinesOfTheLastBytes() {
    String many = String.join("\n", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "line " + i).toList());
    assertThat(OutputTail.lastLines(many, false, "").split("\n"))
        .hasSize(OutputTail.MAX_LINES)
        .startsWith("line 25")
        .endsWith("line 39");
    assertThat(OutputTail.lastLines("rtial line\nwhole /srv/job1/in.mp4: bad\n\n", true, "/srv/job1/"))
        .isEqualTo("whole in.mp4: bad");
  }

  @Test
  void limitsNameTheirKeys() {
    assertThatThrownBy(() -> new ProcessLimits("ffmpeg", 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .hasMessageContaining("ffmpeg_pool_size");
    assertThatThrownBy(() -> new ProcessLimits("ffmpeg", 1, Duration.ZERO, Duration.ofSeconds(1), 1))
        .hasMessageContaining("ffmpeg_timeout");
  }
}
