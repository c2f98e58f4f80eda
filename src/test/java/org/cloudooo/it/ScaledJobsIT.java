package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances sharing one job store behind HAProxy (packaging/haproxy.cfg): given 40 jobs
 * submitted through HAProxy, when one instance is killed with SIGKILL while it runs one of them,
 * then the other takes that job over once its lease runs out and runs what was left queued, all
 * 40 end done with their own document's text, and each is collected through either instance
 * directly (the killed one started again, as a supervisor would).
 */
class ScaledJobsIT {

  private static final int JOBS = 40;
  private static final int LEASE_SECONDS = 5;
  private static final Duration STEP = Duration.ofMinutes(2);

  private static String text(int k) {
    return "Shared store job number " + k;
  }

  @Test
  void jobsInASharedStoreAllEndDoneAfterAnInstanceIsKilledAndEitherInstanceHandsThemOut() throws Exception {
    Path root = Files.createTempDirectory("cloudooo-scaled-jobs");
    Path store = root.resolve("shared-jobs");
    int frontendPort = TestServers.freePorts(4);
    String[] shared = {"-Djob_store_path=" + store, "-Djob_lease_seconds=" + LEASE_SECONDS, "-Djob_max_running=1"};
    var one = new ScaleOutInstance("cloudooo1", frontendPort + 2, root, shared);
    var two = new ScaleOutInstance("cloudooo2", frontendPort + 3, root, shared);
    try (one; two) {
      one.start();
      two.start();
      try (var haproxy = HaproxyProcess.start(frontendPort, frontendPort + 1, one.httpPort, two.httpPort)) {
        awaitUp(haproxy, "cloudooo1");
        awaitUp(haproxy, "cloudooo2");
        var throughHaproxy = new JobClient(frontendPort);
        Map<String, Integer> numberOf = new HashMap<>();
        List<String> tickets = new ArrayList<>();
        for (int k = 0; k < JOBS; k++) {
          // Some 40 pages each: a second or two of conversion, so that the kill finds jobs queued and running.
          String ticket = throughHaproxy.submit((text(k) + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8), "txt", "pdf");
          numberOf.put(ticket, k);
          tickets.add(ticket);
        }
        assertThat(haproxy.counter("cloudooo/cloudooo1", "hrsp_2xx")).as("submissions reached both").isPositive();
        assertThat(haproxy.counter("cloudooo/cloudooo2", "hrsp_2xx")).isPositive();

        // Killed while it runs a job: the job's claim in the store names it.
        String oneId = Files.readString(one.workingPath.resolve("instance-id")).strip();
        String cutOff;
        try {
          cutOff = awaitRunningOn(store, oneId, tickets);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; cloudooo1's log:\n" + one.process.output(), e);
        }
        one.process.signal("KILL");
        assertThat(one.process.awaitExit()).isEqualTo(137);
        long doneAtKill = tickets.stream().filter(ticket -> throughHaproxy.state(ticket).equals("done")).count();

        var finished = throughHaproxy.awaitFinished(tickets, STEP);
        for (String ticket : tickets) {
          assertThat(finished.get(ticket)).as(two.process.output()).containsEntry("state", "done");
        }
        assertThat(finished.get(cutOff).get("attempts")).as("the job cut off by the kill ran again").isEqualTo(2);
        assertThat(two.process.output()).contains("job " + cutOff + " taken over");
        assertThat(doneAtKill).as("the kill came mid-run").isLessThan(JOBS);

        one.start();
        var direct = List.of(new JobClient(one.httpPort), new JobClient(two.httpPort));
        for (int i = 0; i < tickets.size(); i++) {
          String ticket = tickets.get(i);
          byte[] pdf = direct.get(i % 2).result(ticket);
          assertThat(Documents.pdfText(pdf)).as("job " + numberOf.get(ticket)).contains(text(numberOf.get(ticket)));
        }
        long ranOnOne = tickets.stream().filter(ticket -> Files.exists(store.resolve(ticket).resolve("claimed-" + oneId)))
            .count();
        System.out.printf("shared jobs: %d done at the kill, %d ran on cloudooo1, %d on cloudooo2%n", doneAtKill,
            ranOnOne, JOBS - ranOnOne);
        assertThat(ranOnOne).as("both instances ran jobs").isBetween(1L, JOBS - 1L);
      }
      for (ScaleOutInstance instance : List.of(one, two)) {
        instance.process.signal("TERM");
        assertThat(instance.process.awaitExit()).as(instance.process.output()).isZero();
        assertThat(ServerProcess.sofficeProcessesOn(instance.unoPort)).as("soffice left on port " + instance.unoPort).isEmpty();
      }
    } finally {
      TestServers.deleteQuietly(root);
    }
  }

  /** A job that instance {@code instanceId} claimed and is running now, as the store says (polled fast, to kill mid-job). */
  private static String awaitRunningOn(Path store, String instanceId, List<String> tickets) throws InterruptedException {
    String[] found = new String[1];
    TestServers.await("a job running on instance " + instanceId, STEP, () -> {
      for (String ticket : tickets) {
        Path job = store.resolve(ticket);
        try {
          if (Files.exists(job.resolve("claimed-" + instanceId))
              && Files.readString(job.resolve("status.json")).contains("\"state\":\"RUNNING\"")) {
            found[0] = ticket;
            return true;
          }
        } catch (IOException e) {
          // Rewritten at this moment: asked again.
        }
      }
      return false;
    });
    return found[0];
  }

  private static void awaitUp(HaproxyProcess haproxy, String server) throws InterruptedException {
    TestServers.await(server + " up in HAProxy", STEP, () -> haproxy.status(server).equals("UP"));
  }
}
