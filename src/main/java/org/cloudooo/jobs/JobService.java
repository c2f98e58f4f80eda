package org.cloudooo.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs with tickets, as doos had them: submit now, ask for the status at any time, collect the
 * result later, delete it. A client of the {@link Manager} like any transport, which remembers
 * each job in its {@link JobStore}: after a restart (or a crash of the JVM) queued and running
 * jobs run again and results stay until {@code job_result_ttl}.
 *
 * <p>{@code job_max_running} threads take jobs in the order they came; each holds at most one
 * worker at a time, so that interactive calls keep the rest of the pool.
 *
 * <p>Several instances may share one store. The store is then the authority: a job this instance
 * does not run is read from it when asked for; a timer finds the jobs other instances queued;
 * each job is run by the instance that wins its claim ({@link JobClaims}), which renews it while
 * the job runs and polls for a deleteJob sent to another instance. A claim left to lapse (its
 * instance died) is taken over. The jobs this instance runs, and those that ended, are answered
 * from memory, so that a single instance pays no more than a timer.
 */
public final class JobService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("org.cloudooo.jobs");
  /** listJobs answers at most this many, newest first. */
  public static final int LIST_LIMIT = 100;
  /** Runs begun of a job that a restart cut off every time: then it is failed rather than run again. */
  static final int MAX_ATTEMPTS = 3;
  private static final int FORGOTTEN_REMEMBERED = 10_000;
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  /** The longest time before this instance sees a job another instance queued, or a lease that ran out. */
  static final Duration SCAN_INTERVAL = Duration.ofSeconds(2);

  private final JobSettings settings;
  private final JobStore store;
  private final JobWork work;
  private final JobListener listener;
  private final Clock clock;
  private final Duration shutdownGrace;
  private final Webhooks webhooks;
  private final ExecutorService runners;
  private final ScheduledExecutorService housekeeping;
  private final JobClaims claims;
  /** Renews this instance's claims on a thread of its own: a slow scan or expiry must not let a lease lapse. */
  private final ScheduledExecutorService leases;
  // Guarded by this: the jobs, their order, and which thread runs which.
  private final Map<String, JobRecord> jobs = new HashMap<>();
  private final Deque<String> queue = new ArrayDeque<>();
  private final Map<String, Thread> running = new HashMap<>();
  /** Jobs running here whose claim another instance took over (this one stalled past the lease): their outcome is dropped. */
  private final Set<String> lost = new HashSet<>();
  private final Map<String, String> forgotten = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > FORGOTTEN_REMEMBERED;
    }
  };
  /**
   * The {@link JobStore#statusVersion version} of the status that {@code jobs} holds, where
   * known: a job whose status file is still that one is not read again.
   */
  private final Map<String, String> versions = new HashMap<>();
  /** Submissions whose files are being stored: they count against the queue and store limits already. */
  private int arriving;
  private long arrivingBytes;
  private boolean closed;

  private JobService(Manager manager, JobSettings settings, JobStore store, String instanceId, JobListener listener,
      Clock clock, Duration shutdownGrace) {
    this.settings = settings;
    this.claims = new JobClaims(instanceId, settings.lease(), clock);
    this.store = store;
    this.work = new JobWork(manager, store);
    this.listener = listener;
    this.clock = clock;
    this.shutdownGrace = shutdownGrace;
    this.webhooks = new Webhooks(settings, this::webhookEnded);
    AtomicInteger runnerNumber = new AtomicInteger();
    this.runners = Executors.newFixedThreadPool(settings.maxRunning(), runnable -> {
      Thread thread = new Thread(runnable, "job-runner-" + runnerNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.housekeeping = daemonScheduler("job-housekeeping");
    this.leases = daemonScheduler("job-leases");
  }

  private static ScheduledExecutorService daemonScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens the store, queues again what a stop or crash interrupted, and starts the runners.
   *
   * @param shutdownGrace how long {@link #close} lets running jobs finish
   */
  public static JobService start(Manager manager, JobSettings settings, JobListener listener, Clock clock,
      Duration shutdownGrace) throws IOException {
    return start(manager, settings, InstanceId.of(settings.storePath().getParent()), listener, clock, shutdownGrace);
  }

  /**
   * As {@link #start(Manager, JobSettings, JobListener, Clock, Duration)}, claiming jobs in the
   * store as {@code instanceId} ({@link InstanceId}).
   */
  public static JobService start(Manager manager, JobSettings settings, String instanceId, JobListener listener,
      Clock clock, Duration shutdownGrace) throws IOException {
    var service = new JobService(manager, settings, new JobStore(settings.storePath()), instanceId, listener, clock,
        shutdownGrace);
    service.recover();
    for (int i = 0; i < settings.maxRunning(); i++) {
      service.runners.execute(service::runJobs);
    }
    long period = settings.cleanupInterval().toMillis();
    service.housekeeping.scheduleWithFixedDelay(service::removeExpired, period, period, TimeUnit.MILLISECONDS);
    long scan = Math.min(SCAN_INTERVAL.toMillis(), service.claims.renewalInterval().toMillis());
    service.housekeeping.scheduleWithFixedDelay(service::scanStore, scan, scan, TimeUnit.MILLISECONDS);
    long renewal = service.claims.renewalInterval().toMillis();
    service.leases.scheduleWithFixedDelay(service::renewClaims, renewal, renewal, TimeUnit.MILLISECONDS);
    LOG.info("jobs: {} kept in {}, {} queued; {} run at once; instance {}, lease {} s", service.jobs.size(),
        settings.storePath(), service.queue.size(), settings.maxRunning(), instanceId, settings.lease().toSeconds());
    return service;
  }

  /** Loads what the first status written or read would load; for the server's start-up, beside the backends' start. */
  public static void warmUp() {
    JobStore.warmUp();
  }

  /**
   * Queues again what this instance's stop or crash cut off, and what an instance that died left
   * (its lease ran out). Jobs another live instance runs stay its own.
   */
  private synchronized void recover() throws IOException {
    List<JobRecord> kept = new ArrayList<>(store.load(settings.lease(), clock.instant()));
    kept.sort(Comparator.comparing(JobRecord::submitted));
    for (JobRecord job : kept) {
      Path folder = store.folder(job.ticket());
      JobClaims.Holder holder = claims.holder(folder);
      if (!job.state().finished()) {
        if (holder instanceof JobClaims.Unclaimed) {
          queue.add(job.ticket());
          LOG.info("job {} queued again after a restart (it was queued)", job.ticket());
        } else if (!claims.claim(folder)) {
          LOG.info("job {} is held by instance {}, which is alive", job.ticket(), ((JobClaims.Claimed) holder).instanceId());
        } else if (job.state() == JobState.RUNNING && job.attempts() >= MAX_ATTEMPTS) {
          job = failCutOff(job);
        } else {
          boolean wasRunning = job.state() == JobState.RUNNING;
          job = job.requeued();
          store.clearOutput(job.ticket());
          store.save(job);
          claims.release(folder);
          queue.add(job.ticket());
          LOG.info("job {} queued again after a restart ({})", job.ticket(), wasRunning ? "it was running" : "it was queued");
        }
      }
      jobs.put(job.ticket(), job);
      // A callback is this instance's to send if it ran the job (another instance sends its own).
      if (job.webhook() == JobRecord.Webhook.PENDING && (claims.mine(holder) || holder instanceof JobClaims.Unmarked)) {
        deliver(job);
      }
    }
  }

  /** Fails a job that restarts cut off {@link #MAX_ATTEMPTS} times; this instance holds its claim. */
  private JobRecord failCutOff(JobRecord job) {
    job = job.failed(ErrorKind.CONVERSION_ERROR.wireName() + ":the server stopped " + job.attempts()
        + " times while this job ran; it is not run again. Check its documents", job.items(), clock.instant());
    store.removeFiles(job.ticket());
    store.save(job);
    LOG.warn("job {} failed: cut off by {} restarts", job.ticket(), job.attempts());
    return job;
  }

  /**
   * Accepts a job; its documents move into the store.
   *
   * @return the ticket
   */
  public String submit(JobSubmission submission) {
    JobOptions options = JobOptions.parse(submission.jobOptions(), settings);
    List<JobRequest.Document> documents = documents(submission, options.macro() != null);
    long incoming = options.macro() == null ? 0 : options.macro().getBytes(StandardCharsets.UTF_8).length;
    for (JobSubmission.Document document : submission.documents()) {
      incoming += document.file().toFile().length();
    }
    var request = new JobRequest(documents, submission.batch(), submission.destinationFormat(), submission.zip(),
        submission.refresh(), submission.conversionOptions(), options.callbackUrl(), options.errorCallbackUrl(),
        options.resultTtl().toSeconds(), options.entryFunction());
    JobRecord job = JobRecord.queued(Tickets.next(), request, clock.instant());
    synchronized (this) {
      if (closed) {
        throw CloudoooException.busy("the server is shutting down; submit the job again later");
      }
      if (queue.size() + arriving >= settings.maxQueued()) {
        throw CloudoooException.busy(queue.size() + " jobs are already queued (job_max_queued); retry later");
      }
      long held = store.bytes() + arrivingBytes;
      if (held + incoming > settings.storeMaxBytes()) {
        throw CloudoooException.busy("the job store is full: it holds " + held + " bytes, and this job's "
            + incoming + " would pass job_store_max_bytes (" + settings.storeMaxBytes() + "); collect and delete"
            + " finished jobs, or retry later");
      }
      arriving++;
      arrivingBytes += incoming;
    }
    // Written outside the lock (a forced write): runners and status calls do not wait for it.
    try {
      store.create(job, submission.documents().stream().map(JobSubmission.Document::file).toList(), options.macro());
    } finally {
      synchronized (this) {
        arriving--;
        arrivingBytes -= incoming;
      }
    }
    synchronized (this) {
      jobs.put(job.ticket(), job);
      queue.add(job.ticket());
      notifyAll();
    }
    LOG.info("job {} submitted: {}", job.ticket(), describe(request));
    return job.ticket();
  }

  private List<JobRequest.Document> documents(JobSubmission submission, boolean macro) {
    int count = submission.documents().size();
    if (count == 0 && !macro) {
      throw CloudoooException.badInput("the job has no document: send a file, or a list of {'file', 'source_format', 'name'}");
    }
    if (count > settings.maxDocuments()) {
      throw CloudoooException.badInput("the job has " + count + " documents; a job may hold at most " + settings.maxDocuments()
          + " (job_max_documents): split it");
    }
    var names = new DocumentNames();
    List<JobRequest.Document> documents = new ArrayList<>();
    for (JobSubmission.Document document : submission.documents()) {
      String format = document.sourceFormat() == null ? "" : document.sourceFormat().strip();
      if (format.isEmpty() && !macro) {
        throw CloudoooException.badInput("document " + (documents.size() + 1) + " has no source_format");
      }
      documents.add(new JobRequest.Document(names.accept(document.name(), documents.size() + 1, format), format));
    }
    return documents;
  }

  private static String describe(JobRequest request) {
    if (request.isMacro()) {
      return "macro " + request.entryFunction() + " with " + request.documents().size() + " file(s)";
    }
    String sources = String.join(", ", request.documents().stream().map(JobRequest.Document::sourceFormat).distinct().toList());
    return request.documents().size() + " document(s) " + sources + " → "
        + (request.destinationFormat().isEmpty() ? "native format" : request.destinationFormat())
        + (request.callbackUrl() != null ? ", with a callback" : "");
  }

  /** The job's status; a fault for an unknown ticket. */
  public synchronized JobStatus status(String ticket) {
    JobRecord job = find(ticket);
    return JobStatus.of(job, position(ticket));
  }

  private int position(String ticket) {
    int position = 1;
    for (String queued : queue) {
      if (queued.equals(ticket)) {
        return position;
      }
      position++;
    }
    return 0;
  }

  /**
   * A done job's result, linked into {@code workspace}; a fault saying why while the job is
   * queued, running, failed or cancelled.
   */
  public JobResult result(String ticket, Workspace workspace) {
    JobRecord job;
    int position;
    synchronized (this) {
      job = find(ticket);
      position = position(ticket);
    }
    switch (job.state()) {
      case QUEUED -> throw new CloudoooException(ErrorKind.JOB_NOT_READY, "job " + ticket + " is queued (position " + position
          + " of " + queuedCount() + "); ask again when getJobStatus says done");
      case RUNNING -> throw new CloudoooException(ErrorKind.JOB_NOT_READY, "job " + ticket + " is running (since "
          + job.started() + "); ask again when getJobStatus says done");
      case FAILED -> throw new CloudoooException(ErrorKind.JOB_FAILED, "job " + ticket + " failed: " + job.error());
      case CANCELLED -> throw new CloudoooException(ErrorKind.CANCELLED, "job " + ticket
          + " was cancelled (deleteJob) before it ended; it has no result");
      default -> {
        return new JobResult(linked(store.result(ticket, job.result().name()), workspace, ticket), job.result().name(),
            job.result().contentType());
      }
    }
  }

  private Path linked(Path result, Workspace workspace, String ticket) {
    Path copy = workspace.newFile("result", "");
    try {
      Files.delete(copy);
      try {
        return Files.createLink(copy, result);
      } catch (IOException | UnsupportedOperationException e) {
        return Files.copy(result, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Deleted or expired between the look-up and now.
      throw new CloudoooException(ErrorKind.JOB_NOT_FOUND, "the result of job " + ticket + " is gone: " + e.getMessage());
    }
  }

  private synchronized int queuedCount() {
    return queue.size();
  }

  /**
   * Deletes a job: a queued one is cancelled, a running one stopped (its worker restarted);
   * their documents are removed and their status says cancelled until it expires. A finished
   * job is removed whole.
   */
  public synchronized void delete(String ticket) {
    JobRecord job = find(ticket);
    if (running.containsKey(ticket)) {
      update(job.cancelled("stopped by deleteJob while running", clock.instant()));
      // The runner sees the interruption, its worker is killed and restarted; the runner removes the files.
      running.get(ticket).interrupt();
      LOG.info("job {} stopped while running", ticket);
    } else if (job.state().finished()) {
      store.delete(ticket);
      jobs.remove(ticket);
      versions.remove(ticket);
      forgotten.put(ticket, "was deleted (deleteJob)");
      LOG.info("job {} deleted", ticket);
    } else if (claims.claim(store.folder(ticket))) {
      // Queued (or left by an instance that died): this instance holds it now, and nobody runs it.
      queue.remove(ticket);
      update(job.cancelled("cancelled by deleteJob while " + job.state().wireName(), clock.instant()));
      store.removeFiles(ticket);
      listener.jobEnded(JobState.CANCELLED, Duration.ZERO);
      LOG.info("job {} cancelled while {}", ticket, job.state().wireName());
    } else if (JobClaims.requestCancel(store.folder(ticket))) {
      LOG.info("job {} runs on another instance: asked it to stop (it does within {} ms)", ticket,
          claims.renewalInterval().toMillis());
    } else {
      throw new CloudoooException(ErrorKind.JOB_NOT_FOUND, "no job " + ticket + ": it was deleted meanwhile");
    }
  }

  /**
   * Tickets and states, newest first, at most {@link #LIST_LIMIT}.
   *
   * @param state only jobs in this state ({@code queued}, ...); empty for all
   */
  public synchronized List<Map<String, Object>> list(String state) {
    Optional<JobState> only = Optional.empty();
    if (state != null && !state.isEmpty()) {
      only = Optional.of(JobState.ofWireName(state).orElseThrow(() -> CloudoooException.badInput(
          "'" + state + "' is not a job state; states: " + JobState.wireNames() + ", or '' for all")));
    }
    Optional<JobState> wanted = only;
    return newestFirst().stream().filter(job -> wanted.isEmpty() || job.state() == wanted.get()).limit(LIST_LIMIT)
        .map(job -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("ticket", job.ticket());
          entry.put("state", job.state().wireName());
          entry.put("submitted", job.submitted().toString());
          return entry;
        }).toList();
  }

  /** How many jobs are in each state (every state, 0 included). */
  public synchronized Map<JobState, Integer> counts() {
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    for (JobState state : JobState.values()) {
      counts.put(state, 0);
    }
    jobs.values().forEach(job -> counts.merge(job.state(), 1, Integer::sum));
    return counts;
  }

  /** The newest jobs' status, for /status and the web page. */
  public synchronized List<JobStatus> recent(int limit) {
    return newestFirst().stream().limit(limit).map(job -> JobStatus.of(job, position(job.ticket()))).toList();
  }

  private List<JobRecord> newestFirst() {
    List<JobRecord> all = new ArrayList<>(jobs.values());
    all.sort(Comparator.comparing(JobRecord::submitted).reversed());
    return all;
  }

  /**
   * The job as memory holds it when that is certain (it ended, or it runs here), else as the
   * store holds it now: another instance sharing the store may have taken, finished or deleted it.
   */
  private JobRecord find(String ticket) {
    JobRecord known = jobs.get(Tickets.check(ticket));
    if (known != null && (known.state().finished() || running.containsKey(ticket))) {
      return known;
    }
    // Clients poll queued jobs: a look at the status file tells whether reading it can be spared.
    Optional<String> version = store.statusVersion(ticket);
    if (known != null && version.isPresent() && version.get().equals(versions.get(ticket))) {
      return known;
    }
    Optional<JobRecord> stored = version.isPresent() ? store.read(ticket) : Optional.empty();
    if (stored.isPresent()) {
      jobs.put(ticket, stored.get());
      versions.put(ticket, version.get());
      return stored.get();
    }
    if (known != null) {
      forget(ticket, "was deleted by another instance sharing the job store, or expired there");
    }
    String why = forgotten.get(ticket);
    throw new CloudoooException(ErrorKind.JOB_NOT_FOUND, "no job " + ticket + ": "
        + (why != null ? "it " + why : "it never existed here, or it was deleted or expired (job_result_ttl) a while ago"));
  }

  private void forget(String ticket, String why) {
    jobs.remove(ticket);
    versions.remove(ticket);
    queue.remove(ticket);
    forgotten.put(ticket, why);
  }

  /** Keeps the new record in memory and on disk; the caller holds the lock. */
  private void update(JobRecord job) {
    jobs.put(job.ticket(), job);
    store.save(job);
    store.statusVersion(job.ticket()).ifPresentOrElse(version -> versions.put(job.ticket(), version),
        () -> versions.remove(job.ticket()));
  }

  /** A runner: takes the oldest queued job, runs it, records how it ended; until the service closes. */
  private void runJobs() {
    while (true) {
      JobRecord job;
      synchronized (this) {
        try {
          while (queue.isEmpty() && !closed) {
            wait(IDLE_WAIT.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        }
        if (closed) {
          return;
        }
        String ticket = queue.poll();
        try {
          job = take(ticket);
        } catch (RuntimeException e) {
          // A store that cannot be read now (a volume gone for a moment): the runner must live on; a scan queues the job again.
          LOG.warn("job {} could not be taken: {}", ticket, e.getMessage());
          job = null;
        }
        if (job == null) {
          continue;
        }
        running.put(job.ticket(), Thread.currentThread());
      }
      LOG.info("job {} started (attempt {})", job.ticket(), job.attempts());
      JobWork.Outcome outcome = work.run(job);
      synchronized (this) {
        running.remove(job.ticket());
        // A delete of this job interrupted the thread; the next job must not inherit it.
        Thread.interrupted();
        finish(job, outcome);
      }
    }
  }

  /**
   * Claims a queued job and marks it running; null when another instance holds it, it was
   * deleted, or it ends without running (a deleteJob came first, or restarts cut it off too often).
   */
  private JobRecord take(String ticket) {
    Path folder = store.folder(ticket);
    if (running.containsKey(ticket) || !claims.claim(folder)) {
      return null;
    }
    Optional<JobRecord> stored = store.read(ticket);
    if (stored.isEmpty() || stored.get().state().finished()) {
      stored.ifPresent(job -> jobs.put(ticket, job));
      return null;
    }
    JobRecord job = stored.get();
    if (JobClaims.cancelRequested(folder)) {
      update(job.cancelled("stopped by deleteJob", clock.instant()));
      store.removeFiles(ticket);
      listener.jobEnded(JobState.CANCELLED, Duration.ZERO);
      LOG.info("job {} cancelled before it ran here (deleteJob on another instance)", ticket);
      return null;
    }
    if (job.state() == JobState.RUNNING) {
      // The instance that ran it stopped renewing its claim: it died.
      if (job.attempts() >= MAX_ATTEMPTS) {
        jobs.put(ticket, failCutOff(job));
        return null;
      }
      store.clearOutput(ticket);
      LOG.info("job {} taken over: the instance running it stopped renewing its claim for {} s", ticket,
          settings.lease().toSeconds());
    }
    job = job.running(clock.instant());
    update(job);
    return job;
  }

  private void finish(JobRecord ran, JobWork.Outcome outcome) {
    if (lost.remove(ran.ticket())) {
      LOG.warn("job {}: another instance took it over while it ran here (this one stalled past job_lease_seconds);"
          + " this run's outcome is dropped", ran.ticket());
      return;
    }
    JobRecord job = jobs.get(ran.ticket());
    Instant now = clock.instant();
    Duration runTime = Duration.between(ran.started(), now);
    if (job.state() == JobState.CANCELLED) {
      store.removeFiles(job.ticket());
      listener.jobEnded(JobState.CANCELLED, runTime);
      return;
    }
    if (outcome instanceof JobWork.Done done) {
      job = job.done(done.result(), done.items(), now);
      update(job);
      listener.jobEnded(JobState.DONE, runTime);
      LOG.info("job {} done in {} ms: {} ({} bytes)", job.ticket(), runTime.toMillis(), done.result().name(),
          done.result().size());
    } else if (outcome instanceof JobWork.Failed failed) {
      job = job.failed(failed.error(), failed.items(), now);
      update(job);
      listener.jobEnded(JobState.FAILED, runTime);
      LOG.info("job {} failed in {} ms: {}", job.ticket(), runTime.toMillis(), failed.error());
    } else {
      // Only the server's stop cuts a job off without a delete: it runs again after the next start.
      job = job.requeued();
      store.clearOutput(job.ticket());
      update(job);
      // Another instance sharing the store may take it at once.
      claims.release(store.folder(job.ticket()));
      if (!closed) {
        queue.addFirst(job.ticket());
      }
      LOG.info("job {} interrupted{}", job.ticket(), closed ? " by the server's stop; it runs again after the next start" : "");
    }
    if (job.webhook() == JobRecord.Webhook.PENDING) {
      deliver(job);
    }
  }

  private void deliver(JobRecord job) {
    if (job.state() == JobState.DONE) {
      webhooks.deliverResult(job, store.result(job.ticket(), job.result().name()));
    } else {
      webhooks.deliverFailure(job);
    }
  }

  private synchronized void webhookEnded(String ticket, Webhooks.Outcome outcome) {
    listener.webhookEnded(outcome.label());
    JobRecord job = jobs.get(ticket);
    if (job != null) {
      update(job.withWebhook(outcome == Webhooks.Outcome.DELIVERED ? JobRecord.Webhook.DELIVERED : JobRecord.Webhook.FAILED));
    }
  }

  /** Renews the claims on the jobs running here; stops those deleted through another instance, and those taken over. */
  private synchronized void renewClaims() {
    for (Map.Entry<String, Thread> run : running.entrySet()) {
      String ticket = run.getKey();
      Path folder = store.folder(ticket);
      JobRecord job = jobs.get(ticket);
      if (job.state() != JobState.RUNNING) {
        continue;
      }
      if (!claims.renew(folder)) {
        lost.add(ticket);
        run.getValue().interrupt();
        LOG.warn("job {}: this instance lost its claim (taken over after job_lease_seconds, or deleted); stopping it", ticket);
      } else if (JobClaims.cancelRequested(folder)) {
        update(job.cancelled("stopped by deleteJob while running", clock.instant()));
        run.getValue().interrupt();
        LOG.info("job {} stopped while running (deleteJob on another instance)", ticket);
      }
    }
  }

  /**
   * Learns what other instances sharing the store did: jobs they queued (queued here too, to be
   * claimed by whichever instance comes first), jobs whose instance died (its claim expired),
   * jobs they ended or deleted. The store is read outside the lock: requests do not wait for it.
   */
  private void scanStore() {
    try {
      Map<String, JobRecord> known;
      Set<String> queuedHere;
      Set<String> runningHere;
      Map<String, String> knownVersions;
      synchronized (this) {
        if (closed) {
          return;
        }
        // Taken before the listing: a job submitted after it is not mistaken for a deleted one.
        known = new HashMap<>(jobs);
        queuedHere = new HashSet<>(queue);
        runningHere = new HashSet<>(running.keySet());
        knownVersions = new HashMap<>(versions);
      }
      List<String> stored = store.tickets();
      List<JobRecord> claimable = new ArrayList<>();
      Map<String, JobRecord> changed = new HashMap<>();
      Map<String, String> changedVersions = new HashMap<>();
      for (String ticket : stored) {
        JobRecord cached = known.get(ticket);
        if ((cached != null && cached.state().finished()) || runningHere.contains(ticket)) {
          continue;
        }
        // Only a status written since the last scan is read: with hundreds of jobs queued, reading
        // them all every scan cost the runners a good part of a core.
        Optional<String> version = store.statusVersion(ticket);
        if (version.isEmpty()) {
          continue;
        }
        JobRecord record = cached;
        if (cached == null || !version.get().equals(knownVersions.get(ticket))) {
          Optional<JobRecord> read = store.read(ticket);
          if (read.isEmpty()) {
            continue;
          }
          record = read.get();
          changed.put(ticket, record);
          changedVersions.put(ticket, version.get());
        }
        // A job queued here needs no look at its claim: the runner that takes it claims it, or
        // finds another instance did.
        if (!record.state().finished() && !queuedHere.contains(ticket)) {
          JobClaims.Holder holder = claims.holder(store.folder(ticket));
          if (holder instanceof JobClaims.Unclaimed || claims.expired(holder)) {
            claimable.add(record);
          }
        }
      }
      claimable.sort(Comparator.comparing(JobRecord::submitted));
      synchronized (this) {
        Set<String> present = new HashSet<>(stored);
        known.keySet().stream().filter(ticket -> !present.contains(ticket) && jobs.containsKey(ticket))
            .forEach(ticket -> forget(ticket, "was deleted by another instance sharing the job store, or expired there"));
        changed.forEach((ticket, record) -> {
          JobRecord now = jobs.get(ticket);
          if (!running.containsKey(ticket) && (now == null || !now.state().finished())) {
            jobs.put(ticket, record);
            versions.put(ticket, changedVersions.get(ticket));
            if (record.state().finished()) {
              queue.remove(ticket);
            }
          }
        });
        for (JobRecord job : claimable) {
          if (!closed && !running.containsKey(job.ticket()) && !queue.contains(job.ticket())) {
            queue.add(job.ticket());
          }
        }
        notifyAll();
      }
    } catch (RuntimeException e) {
      // The next scan tries again; a timer task that throws would never run again.
      LOG.warn("jobs: reading the job store failed: {}", e.getMessage());
    }
  }

  /** Removes finished jobs older than their result TTL. */
  private synchronized void removeExpired() {
    Instant now = clock.instant();
    for (JobRecord job : new ArrayList<>(jobs.values())) {
      if (job.state().finished() && !job.finished().plusSeconds(job.request().resultTtlSeconds()).isAfter(now)) {
        store.delete(job.ticket());
        jobs.remove(job.ticket());
        versions.remove(job.ticket());
        forgotten.put(job.ticket(), "expired " + job.request().resultTtlSeconds() + " s after it ended (job_result_ttl)");
        LOG.info("job {} expired", job.ticket());
      }
    }
  }

  /**
   * Stops taking jobs, lets running ones finish within the shutdown grace period (those cut off
   * run again after the next start), and stops the webhooks (undelivered ones go after the next
   * start too).
   */
  @Override
  public void close() {
    close(shutdownGrace);
  }

  /** As {@link #close()}, letting running jobs finish within {@code grace} (what is left of the server's). */
  public void close(Duration grace) {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    housekeeping.shutdownNow();
    runners.shutdown();
    // Leases stay renewed while running jobs finish: another instance must not take them over meanwhile.
    try {
      if (!runners.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("jobs still running after the grace period are stopped; they run again after the next start");
        runners.shutdownNow();
        if (!runners.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("a job runner did not stop within {} s", STOP_WAIT.toSeconds());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leases.shutdownNow();
    webhooks.close();
  }
}
