package org.cloudooo.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.MacroRequest;
import org.cloudooo.registry.MimetypeRegistry;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job service over a handler that upper-cases text: queue, store, restarts, deletes, expiry, limits, webhooks. */
class JobServiceTest {

  /**
   * Upper-cases text; "bad" is a bad document; "wait" blocks until {@link #release} (a stop
   * of its thread ends it as the worker pool does, with Cancelled). Runs macros by writing
   * their source into the output folder.
   */
  static final class UpperCase implements Handler {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch waiting = new CountDownLatch(1);

    @Override
    public String name() {
      return "upper";
    }

    @Override
    public Path convert(ConversionRequest request) {
      String text = read(request.document());
      if (text.contains("bad")) {
        throw CloudoooException.badInput("this text is bad");
      }
      if (text.contains("wait")) {
        waiting.countDown();
        try {
          if (!release.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CloudoooException(ErrorKind.CANCELLED, "stopped", e);
        }
      }
      return write(request.jobDirectory().resolve("out.txt"), text.toUpperCase(Locale.ROOT));
    }

    @Override
    public boolean runsMacros() {
      return true;
    }

    @Override
    public void runMacro(MacroRequest request) {
      write(request.outputDirectory().resolve("out.txt"), request.moduleSource() + " " + request.entryFunction() + " "
          + String.join(",", request.inputDirectory().toFile().list()));
    }

    @Override
    public List<FormatEntry> allowedConversionFormats(String source) {
      return List.of(new FormatEntry("text/plain", "Plain Text"));
    }

    @Override
    public void close() {}
  }

  @TempDir Path root;
  private final UpperCase handler = new UpperCase();
  private final List<JobService> services = new ArrayList<>();
  private final List<Manager> managers = new ArrayList<>();
  private final List<String> ended = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    handler.release.countDown();
    services.forEach(JobService::close);
    managers.forEach(Manager::close);
  }

  private JobSettings settings(int maxQueued, List<String> allowedHosts, boolean macros, Duration cleanup) {
    return new JobSettings(root.resolve("jobs"), maxQueued, 1, 1 << 20, Duration.ofHours(1), cleanup, 3, allowedHosts, 4,
        Duration.ofMillis(50), Duration.ofSeconds(5), macros, JobSettings.DEFAULT_LEASE);
  }

  private JobSettings settings() {
    return settings(10, List.of(), false, Duration.ofHours(1));
  }

  private Manager manager(UpperCase handler) throws IOException {
    var registry = new MimetypeRegistry(List.of("text/plain * upper"), Map.of("upper", handler), MediaTypes.standard());
    Manager manager = new Manager(registry, MediaTypes.standard(), root.resolve("tmp"), List.of(handler), c -> {});
    managers.add(manager);
    return manager;
  }

  private JobService start(JobSettings settings) throws IOException {
    return start(settings, handler);
  }

  private JobService start(JobSettings settings, UpperCase handler) throws IOException {
    JobService service = JobService.start(manager(handler), settings, new JobListener() {
      @Override
      public void jobEnded(JobState state, Duration runTime) {
        ended.add(state.wireName());
      }

      @Override
      public void webhookEnded(String outcome) {
        ended.add("webhook " + outcome);
      }
    }, Clock.systemUTC(), Duration.ofSeconds(5));
    services.add(service);
    return service;
  }

  private JobSubmission.Document document(String name, String text) {
    Path file = write(root.resolve("upload-" + System.nanoTime()), text);
    return new JobSubmission.Document(name, file, "txt");
  }

  private JobSubmission single(String text, Map<String, Object> options) {
    return new JobSubmission(List.of(document(null, text)), false, "txt", false, false, Map.of(), options);
  }

  private static JobStatus awaitState(JobService jobs, String ticket, JobState state) throws InterruptedException {
    await(() -> jobs.status(ticket).state() == state);
    return jobs.status(ticket);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private String collect(JobService jobs, String ticket) throws IOException {
    try (Workspace workspace = managers.get(0).openWorkspace()) {
      return read(jobs.result(ticket, workspace).file());
    }
  }

  @Test
  void aJobIsQueuedRunAndItsResultCollected() throws Exception {
    JobService jobs = start(settings());
    String ticket = jobs.submit(single("hello", Map.of()));
    assertThat(ticket).matches("[0-9a-f]{32}");
    JobStatus status = awaitState(jobs, ticket, JobState.DONE);
    assertThat(status.attempts()).isEqualTo(1);
    assertThat(status.resultSize()).isEqualTo(5);
    assertThat(status.toMap()).containsEntry("state", "done").containsEntry("position", null).containsKeys("submitted",
        "started", "finished", "error", "items");
    assertThat(collect(jobs, ticket)).isEqualTo("HELLO");
    try (Workspace workspace = managers.get(0).openWorkspace()) {
      assertThat(jobs.result(ticket, workspace).name()).isEqualTo("document-1.txt");
    }
    assertThat(jobs.list("done")).singleElement().satisfies(entry -> assertThat(entry).containsEntry("ticket", ticket));
    assertThat(jobs.counts()).containsEntry(JobState.DONE, 1).containsEntry(JobState.QUEUED, 0);
    assertThat(ended).containsExactly("done");
  }

  @Test
  void aBatchZipsTheOutputsAndNamesTheDocumentThatFailed() throws Exception {
    JobService jobs = start(settings());
    String ticket = jobs.submit(new JobSubmission(
        List.of(document("a.txt", "a"), document("b.txt", "bad"), document("c.text", "c")),
        true, "txt", false, false, Map.of(), Map.of()));
    JobStatus status = awaitState(jobs, ticket, JobState.DONE);
    assertThat(status.items()).extracting(JobStatus.Item::state).containsExactly(JobState.DONE, JobState.FAILED, JobState.DONE);
    assertThat(status.items().get(1).error()).isEqualTo("ValueError:this text is bad");
    try (Workspace workspace = managers.get(0).openWorkspace()) {
      JobResult result = jobs.result(ticket, workspace);
      assertThat(result.contentType()).isEqualTo("application/zip");
      assertThat(zip(result.file())).containsExactly(Map.entry("a.txt", "A"), Map.entry("c.txt", "C"));
    }
  }

  @Test
  void afterACrashTheRunningAndQueuedJobsRunAgainAndDoneOnesStay() throws Exception {
    JobService crashed = start(settings());
    String done = crashed.submit(single("first", Map.of()));
    awaitState(crashed, done, JobState.DONE);
    String cutOff = crashed.submit(single("wait", Map.of()));
    String queued = crashed.submit(single("third", Map.of()));
    assertThat(handler.waiting.await(5, TimeUnit.SECONDS)).isTrue();
    // A second service on the same store sees what a crash leaves: one job running, one queued.
    var unblocked = new UpperCase();
    unblocked.release.countDown();
    JobService restarted = start(settings(), unblocked);
    assertThat(collect(restarted, done)).isEqualTo("FIRST");
    assertThat(awaitState(restarted, cutOff, JobState.DONE).attempts()).isEqualTo(2);
    assertThat(awaitState(restarted, queued, JobState.DONE).attempts()).isEqualTo(1);
    try (Workspace workspace = managers.get(1).openWorkspace()) {
      assertThat(read(restarted.result(cutOff, workspace).file())).isEqualTo("WAIT");
    }
  }

  @Test
  void deletingAQueuedJobCancelsItAndARunningOneIsStopped() throws Exception {
    JobService jobs = start(settings());
    String running = jobs.submit(single("wait", Map.of()));
    String queued = jobs.submit(single("later", Map.of()));
    assertThat(handler.waiting.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(jobs.status(queued).position()).isEqualTo(1);
    assertThatThrownBy(() -> collect(jobs, queued)).isInstanceOfSatisfying(CloudoooException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.JOB_NOT_READY)).hasMessageContaining("queued (position 1 of 1)");
    jobs.delete(queued);
    assertThat(jobs.status(queued).state()).isEqualTo(JobState.CANCELLED);
    jobs.delete(running);
    assertThat(jobs.status(running).state()).isEqualTo(JobState.CANCELLED);
    await(() -> ended.size() == 2);
    assertThat(ended).containsExactlyInAnyOrder("cancelled", "cancelled");
    assertThat(root.resolve("jobs").resolve(running).resolve("input")).doesNotExist();
    assertThatThrownBy(() -> collect(jobs, running)).isInstanceOfSatisfying(CloudoooException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    // The runner is free again.
    String next = jobs.submit(single("next", Map.of()));
    assertThat(awaitState(jobs, next, JobState.DONE).attempts()).isEqualTo(1);
    jobs.delete(next);
    for (int ask = 0; ask < 2; ask++) {
      assertThatThrownBy(() -> collect(jobs, next)).isInstanceOfSatisfying(CloudoooException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.JOB_NOT_FOUND)).hasMessageContaining("was deleted");
    }
    assertThat(root.resolve("jobs").resolve(next)).doesNotExist();
  }

  @Test
  void finishedJobsExpireAfterTheirTtl() throws Exception {
    JobService jobs = start(settings(10, List.of(), false, Duration.ofMillis(100)));
    String ticket = jobs.submit(single("short", Map.of("result_ttl", 1)));
    awaitState(jobs, ticket, JobState.DONE);
    Thread.sleep(1200);
    await(() -> jobs.counts().get(JobState.DONE) == 0);
    assertThatThrownBy(() -> jobs.status(ticket)).isInstanceOfSatisfying(CloudoooException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.JOB_NOT_FOUND)).hasMessageContaining("expired");
    assertThat(root.resolve("jobs").resolve(ticket)).doesNotExist();
  }

  @Test
  void badRequestsAreFaultsThatSayWhatToDo() throws Exception {
    JobService jobs = start(settings(1, List.of("127.0.0.1"), false, Duration.ofHours(1)));
    assertThatThrownBy(() -> jobs.status("../etc")).hasMessageContaining("'../etc' is not a job ticket");
    assertThatThrownBy(() -> jobs.status("0".repeat(32))).isInstanceOfSatisfying(CloudoooException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.JOB_NOT_FOUND)).hasMessageContaining("no job " + "0".repeat(32));
    assertThatThrownBy(() -> jobs.submit(single("x", Map.of("colour", "red"))))
        .hasMessageContaining("job_options key 'colour' is not supported; accepted keys: callback_url");
    assertThatThrownBy(() -> jobs.submit(single("x", Map.of("result_ttl", 999_999))))
        .hasMessageContaining("between 1 and 3600 seconds (job_result_ttl)");
    assertThatThrownBy(() -> jobs.submit(single("x", Map.of("callback_url", "http://10.0.0.1/hook"))))
        .hasMessageContaining("callbacks to '10.0.0.1' are not allowed; allowed hosts: 127.0.0.1")
        .hasMessageContaining("webhook_allowed_hosts");
    assertThatThrownBy(() -> jobs.submit(single("x", Map.of("macro", "Sub Main\nEnd Sub"))))
        .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.REFUSED))
        .hasMessageContaining("enable_macro_jobs");
    var four = List.of(document("a", "a"), document("b", "b"), document("c", "c"), document("d", "d"));
    assertThatThrownBy(() -> jobs.submit(new JobSubmission(four, true, "txt", false, false, Map.of(), Map.of())))
        .hasMessageContaining("at most 3 (job_max_documents)");
    var twice = List.of(document("a", "a"), document("a", "b"));
    assertThatThrownBy(() -> jobs.submit(new JobSubmission(twice, true, "txt", false, false, Map.of(), Map.of())))
        .hasMessageContaining("'a' is given twice");
    assertThatThrownBy(() -> jobs.submit(new JobSubmission(List.of(document("../x", "a")), true, "txt", false, false,
        Map.of(), Map.of()))).hasMessageContaining("not a plain file name");
    assertThatThrownBy(() -> jobs.list("finished")).hasMessageContaining("states: queued, running, done, failed, cancelled");
    // One job runs, one waits: the next is refused busy.
    jobs.submit(single("wait", Map.of()));
    assertThat(handler.waiting.await(5, TimeUnit.SECONDS)).isTrue();
    jobs.submit(single("queued", Map.of()));
    assertThatThrownBy(() -> jobs.submit(single("one too many", Map.of())))
        .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_BUSY))
        .hasMessageContaining("job_max_queued");
  }

  @Test
  void aMacroJobsOutputFolderIsItsResult() throws Exception {
    JobService jobs = start(settings(10, List.of(), true, Duration.ofHours(1)));
    String ticket = jobs.submit(new JobSubmission(List.of(document("data.csv", "1,2")), true, "", false, false, Map.of(),
        Map.of("macro", "source", "init_function", "Run")));
    awaitState(jobs, ticket, JobState.DONE);
    try (Workspace workspace = managers.get(0).openWorkspace()) {
      assertThat(zip(jobs.result(ticket, workspace).file())).containsExactly(Map.entry("out.txt", "source Run data.csv"));
    }
  }

  @Test
  void theResultIsPostedToTheCallbackAndRetriedOnServerErrors() throws Exception {
    HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger calls = new AtomicInteger();
    List<String> received = new CopyOnWriteArrayList<>();
    listener.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = calls.incrementAndGet() <= 2 ? 500 : 200;
      if (status == 200) {
        received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("X-Cloudooo-Ticket")
            + " " + exchange.getRequestHeaders().getFirst("Content-Disposition") + " " + new String(body, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    listener.start();
    try {
      JobService jobs = start(settings(10, List.of("127.0.0.1"), false, Duration.ofHours(1)));
      String base = "http://127.0.0.1:" + listener.getAddress().getPort();
      String ticket = jobs.submit(single("hook", Map.of("callback_url", base + "/done")));
      await(() -> ended.contains("webhook delivered"));
      assertThat(calls).hasValue(3);
      assertThat(received).containsExactly("/done " + ticket
          + " attachment; filename=\"document-1.txt\"; filename*=UTF-8''document-1.txt HOOK");
      String failed = jobs.submit(single("bad", Map.of("callback_url", base + "/done", "error_callback_url", base + "/error")));
      await(() -> ended.stream().filter("webhook delivered"::equals).count() == 2);
      assertThat(received.get(1)).startsWith("/error " + failed + " null {\"ticket\":\"" + failed
          + "\",\"state\":\"failed\",\"error\":\"ValueError:this text is bad\"}");
      // The result stays collectable after its delivery.
      assertThat(collect(jobs, ticket)).isEqualTo("HOOK");
    } finally {
      listener.stop(0);
    }
  }

  private static Map<String, String> zip(Path file) throws IOException {
    Map<String, String> members = new java.util.LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        members.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return members;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
