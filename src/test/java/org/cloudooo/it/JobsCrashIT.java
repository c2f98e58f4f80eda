package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs survive a crash of the JVM: killed with SIGKILL while ten jobs are queued or running, started again, all ten done. */
class JobsCrashIT {

  @Test
  void tenJobsQueuedOrRunningWhenTheServerIsKilledAllEndDoneAfterTheRestart() throws Exception {
    Path workingPath = Files.createTempDirectory("cloudooo-jobs-crash");
    int unoPort = TestServers.freePortPair();
    String[] settings = {"-Dserver.port=0", "-Dpool_size=2", "-Dspare_workers=0", "-Dopenoffice_port=" + unoPort};
    ServerProcess first = ServerProcess.start(workingPath, settings);
    ServerProcess second = null;
    try {
      var jobs = new JobClient(first.awaitPort());
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < 10; i++) {
        boolean text = i % 2 == 0;
        String ticket = text
            ? jobs.submit(("Crash test document " + i + "\n").repeat(3000).getBytes(StandardCharsets.UTF_8), "txt", "pdf")
            : jobs.submit(testData("hello.docx"), "docx", "pdf");
        expected.put(ticket, text ? "Crash test document " + i : "The quick brown fox");
      }
      List<String> tickets = new ArrayList<>(expected.keySet());
      TestServers.await("a job running", Duration.ofMinutes(1), () -> jobs.state(tickets.get(0)).equals("running")
          || jobs.state(tickets.get(1)).equals("running"));
      long unfinished = tickets.stream().filter(ticket -> !jobs.state(ticket).equals("done")).count();
      first.signal("KILL");
      assertThat(first.awaitExit()).isEqualTo(137);
      assertThat(unfinished).as("jobs queued or running at the kill").isGreaterThanOrEqualTo(9);

      // Its soffice processes outlive it; the new server kills them and takes their ports.
      second = ServerProcess.start(workingPath, settings);
      var again = new JobClient(second.awaitPort());
      var finished = again.awaitFinished(tickets, Duration.ofMinutes(3));
      for (String ticket : tickets) {
        assertThat(finished.get(ticket)).as(second.output()).containsEntry("state", "done");
        assertThat(Documents.pdfText(again.result(ticket))).contains(expected.get(ticket));
      }
      assertThat(second.output()).contains("queued again after a restart (it was running)");
      second.signal("TERM");
      assertThat(second.awaitExit()).isZero();
      assertThat(ServerProcess.sofficeProcessesOn(unoPort)).isEmpty();
      assertThat(ServerProcess.sofficeProcessesOn(unoPort + 1)).isEmpty();
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
      TestServers.deleteQuietly(workingPath);
    }
  }
}
