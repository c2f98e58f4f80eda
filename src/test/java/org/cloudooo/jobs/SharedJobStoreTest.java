package org.cloudooo.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.jobs.JobServiceTest.read;
import static org.cloudooo.jobs.JobServiceTest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.registry.MimetypeRegistry;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two job services on one store, as two instances sharing a volume: any answers, one runs each job, a dead one's jobs move. */
class SharedJobStoreTest {

  private static final Duration LEASE = Duration.ofSeconds(1);

  @TempDir Path root;
  private final List<JobService> services = new ArrayList<>();
  private final List<Manager> managers = new ArrayList<>();
  private final List<JobServiceTest.UpperCase> handlers = new ArrayList<>();
  /** Which instance ended which job how: "a done", ... */
  private final List<String> ended = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    handlers.forEach(handler -> handler.release.countDown());
    services.forEach(JobService::close);
    managers.forEach(Manager::close);
  }

  private JobSettings settings() {
    return new JobSettings(root.resolve("shared-jobs"), 100, 1, 1 << 20, Duration.ofHours(1), Duration.ofHours(1), 3,
        List.of(), 4, Duration.ofMillis(50), Duration.ofSeconds(5), false, LEASE);
  }

  /** An instance whose handler blocks on "wait" until released, or not at all. */
  private JobService instance(String id, boolean blocking) throws IOException {
    var handler = new JobServiceTest.UpperCase();
    if (!blocking) {
      handler.release.countDown();
    }
    handlers.add(handler);
    var registry = new MimetypeRegistry(List.of("text/plain * upper"), Map.of("upper", handler), MediaTypes.standard());
    var manager = new Manager(registry, MediaTypes.standard(), root.resolve("tmp-" + id), List.of(handler), c -> {});
    managers.add(manager);
    JobService service = JobService.start(manager, settings(), id, new JobListener() {
      @Override
      public void jobEnded(JobState state, Duration runTime) {
        ended.add(id + " " + state.wireName());
      }

      @Override
      public void webhookEnded(String outcome) {}
    }, Clock.systemUTC(), Duration.ofSeconds(5));
    services.add(service);
    return service;
  }

  private JobSubmission single(String text) {
    Path file = write(root.resolve("upload-" + System.nanoTime()), text);
    return new JobSubmission(List.of(new JobSubmission.Document(null, file, "txt")), false, "txt", false, false, Map.of(),
        Map.of());
  }

  private String collect(JobService jobs, String ticket) throws IOException {
    try (Workspace workspace = managers.get(0).openWorkspace()) {
      return read(jobs.result(ticket, workspace).file());
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void jobsSubmittedToOneInstanceRunOnceAndAreAnsweredByEither() throws Exception {
    JobService a = instance("a", false);
    JobService b = instance("b", false);
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tickets.add((i % 2 == 0 ? a : b).submit(single("job " + i)));
    }
    for (int i = 0; i < tickets.size(); i++) {
      String ticket = tickets.get(i);
      await(() -> a.status(ticket).state() == JobState.DONE && b.status(ticket).state() == JobState.DONE);
      assertThat(collect(a, ticket)).isEqualTo("JOB " + i);
      assertThat(collect(b, ticket)).isEqualTo("JOB " + i);
    }
    assertThat(ended).hasSize(20).allMatch(outcome -> outcome.endsWith(" done"));
    // After a scan each instance lists the other's jobs too.
    await(() -> a.list("done").size() == 20 && b.list("done").size() == 20);
    b.delete(tickets.get(0));
    assertThat(Files.exists(root.resolve("shared-jobs").resolve(tickets.get(0)))).isFalse();
    await(() -> a.list("done").size() == 19);
  }

  @Test
  void aJobWhoseInstanceDiedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    JobService survivor = instance("survivor", false);
    // What an instance killed mid-run leaves: the job running, claimed by it, the claim no longer renewed.
    var store = new JobStore(settings().storePath());
    Path upload = write(root.resolve("upload-dead"), "cut off");
    var request = new JobRequest(List.of(new JobRequest.Document("document-1.txt", "txt")), false, "txt", false, false,
        Map.of(), null, null, 3600, null);
    JobRecord queued = JobRecord.queued(Tickets.next(), request, Instant.now());
    store.create(queued, List.of(upload), null);
    Path folder = store.folder(queued.ticket());
    store.save(queued.running(Instant.now()));
    Path claim = Files.move(folder.resolve(JobClaims.QUEUED), folder.resolve(JobClaims.CLAIMED + "dead"));

    Thread.sleep(LEASE.toMillis() / 2);
    assertThat(survivor.status(queued.ticket()).state()).as("its lease has not run out").isEqualTo(JobState.RUNNING);
    Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(LEASE.multipliedBy(2))));
    await(() -> survivor.status(queued.ticket()).state() == JobState.DONE);
    assertThat(survivor.status(queued.ticket()).attempts()).isEqualTo(2);
    assertThat(collect(survivor, queued.ticket())).isEqualTo("CUT OFF");
    assertThat(folder.resolve(JobClaims.CLAIMED + "survivor")).exists();
    assertThat(ended).containsExactly("survivor done");
  }

  @Test
  void aJobDeletedThroughAnotherInstanceIsStoppedByItsOwner() throws Exception {
    JobService owner = instance("owner", true);
    JobService other = instance("other", false);
    String ticket = owner.submit(single("wait"));
    assertThat(handlers.get(0).waiting.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(other.status(ticket).state()).isEqualTo(JobState.RUNNING);
    other.delete(ticket);
    await(() -> other.status(ticket).state() == JobState.CANCELLED);
    assertThat(owner.status(ticket).state()).isEqualTo(JobState.CANCELLED);
    await(() -> ended.contains("owner cancelled"));
    assertThat(ended).containsExactly("owner cancelled");
    assertThat(root.resolve("shared-jobs").resolve(ticket).resolve("input")).doesNotExist();
  }
}
