package org.cloudooo.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job through the service, as a synchronous client would: each document with {@link
 * Manager#convertFile} (the same handlers, timeouts, resubmission and poison checks), a macro
 * with {@link Manager#runMacro}. The result goes into the job's output folder.
 */
final class JobWork {

  /** How one run of a job ended. */
  sealed interface Outcome {}

  record Done(JobRecord.Result result, List<JobRecord.Item> items) implements Outcome {}

  record Failed(String error, List<JobRecord.Item> items) implements Outcome {}

  /** The run was stopped: the job was deleted, or the server is stopping. */
  record Stopped() implements Outcome {}

  private static final Logger LOG = LoggerFactory.getLogger(JobWork.class);
  static final String ZIP_TYPE = "application/zip";
  private static final String BATCH_RESULT = "documents.zip";
  private static final String MACRO_RESULT = "output.zip";
  /** A job that finds every worker busy (max_queue_size, queue_timeout) waits this long and asks again. */
  private static final Duration BUSY_PAUSE = Duration.ofSeconds(1);

  private final Manager manager;
  private final JobStore store;

  JobWork(Manager manager, JobStore store) {
    this.manager = manager;
    this.store = store;
  }

  Outcome run(JobRecord job) {
    try (Workspace workspace = manager.openWorkspace()) {
      JobRequest request = job.request();
      if (request.isMacro()) {
        return macro(job, workspace);
      }
      return request.batch() ? batch(job, workspace) : single(job, workspace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Stopped();
    } catch (CloudoooException e) {
      return stopped(e) ? new Stopped() : new Failed(fault(e), failedItems(job, fault(e)));
    } catch (IOException | RuntimeException e) {
      LOG.error("job {} failed unexpectedly", job.ticket(), e);
      String error = ErrorKind.INTERNAL_ERROR.wireName() + ":the server failed unexpectedly (" + e.getMessage() + "); see its log";
      return new Failed(error, failedItems(job, error));
    }
  }

  private Outcome single(JobRecord job, Workspace workspace) throws InterruptedException {
    JobRequest.Document document = job.request().documents().get(0);
    Path output = convert(job, document, workspace);
    String name = outputName(document.name(), job.request(), output);
    long size = store.publish(job.ticket(), output, name);
    return new Done(new JobRecord.Result(name, contentType(name, job.request()), size),
        List.of(new JobRecord.Item(document.name(), JobState.DONE, null)));
  }

  /** Every document in turn; one that fails is named in the items, the others make the zip. */
  private Outcome batch(JobRecord job, Workspace workspace) throws InterruptedException, IOException {
    List<JobRecord.Item> items = new ArrayList<>();
    Path zip = store.partialResult(job.ticket(), BATCH_RESULT);
    try (ResultZip result = new ResultZip(zip)) {
      for (JobRequest.Document document : job.request().documents()) {
        try {
          Path output = convert(job, document, workspace);
          result.add(outputName(document.name(), job.request(), output), output);
          items.add(new JobRecord.Item(document.name(), JobState.DONE, null));
        } catch (CloudoooException e) {
          if (stopped(e)) {
            throw e;
          }
          items.add(new JobRecord.Item(document.name(), JobState.FAILED, fault(e)));
        }
      }
    }
    if (items.stream().noneMatch(item -> item.state() == JobState.DONE)) {
      return new Failed(ErrorKind.CONVERSION_ERROR.wireName() + ":every document of the batch failed; items say why", items);
    }
    long size = store.publish(job.ticket(), zip, BATCH_RESULT);
    return new Done(new JobRecord.Result(BATCH_RESULT, ZIP_TYPE, size), items);
  }

  private Outcome macro(JobRecord job, Workspace workspace) throws IOException {
    List<Path> inputs = job.request().documents().stream().map(d -> store.input(job.ticket(), d.name())).toList();
    Path output = manager.runMacro(workspace, store.macro(job.ticket()), job.request().entryFunction(), inputs);
    Path zip = store.partialResult(job.ticket(), MACRO_RESULT);
    try (ResultZip result = new ResultZip(zip)) {
      result.addTree(output);
    }
    long size = store.publish(job.ticket(), zip, MACRO_RESULT);
    List<JobRecord.Item> items = job.request().documents().stream()
        .map(d -> new JobRecord.Item(d.name(), JobState.DONE, null)).toList();
    return new Done(new JobRecord.Result(MACRO_RESULT, ZIP_TYPE, size), items);
  }

  /** Converts one document, waiting while every worker is busy: a job has time, unlike an interactive call. */
  private Path convert(JobRecord job, JobRequest.Document document, Workspace workspace) throws InterruptedException {
    JobRequest request = job.request();
    while (true) {
      try {
        return manager.convertFile(workspace, store.input(job.ticket(), document.name()), document.sourceFormat(),
            request.destinationFormat().isEmpty() ? Optional.empty() : Optional.of(request.destinationFormat()),
            request.zip(), request.refresh(), request.conversionOptions());
      } catch (CloudoooException e) {
        if (e.kind() != ErrorKind.SERVER_BUSY || e.getMessage().contains("shutting down")) {
          throw e;
        }
        LOG.info("job {}: {}; trying again in {} s", job.ticket(), e.getMessage(), BUSY_PAUSE.toSeconds());
        Thread.sleep(BUSY_PAUSE.toMillis());
      }
    }
  }

  /** The output's name: the document's name with the target's extension ({@code report.docx} → {@code report.pdf}). */
  private static String outputName(String documentName, JobRequest request, Path output) {
    String extension;
    if (request.zip()) {
      extension = "zip";
    } else if (!request.destinationFormat().isEmpty()) {
      String destination = request.destinationFormat();
      extension = destination.substring(destination.lastIndexOf('.') + 1);
    } else {
      String produced = output.getFileName().toString();
      extension = produced.contains(".") ? produced.substring(produced.lastIndexOf('.') + 1) : "bin";
    }
    int dot = documentName.lastIndexOf('.');
    return (dot > 0 ? documentName.substring(0, dot) : documentName) + "." + extension;
  }

  private String contentType(String name, JobRequest request) {
    if (request.zip()) {
      return ZIP_TYPE;
    }
    return manager.mimetypeOfExtension(name.substring(name.lastIndexOf('.') + 1)).orElse("application/octet-stream");
  }

  private static boolean stopped(CloudoooException e) {
    return e.kind() == ErrorKind.CANCELLED || Thread.currentThread().isInterrupted()
        || e.kind() == ErrorKind.SERVER_BUSY && e.getMessage().contains("shutting down");
  }

  static String fault(CloudoooException e) {
    return e.kind().wireName() + ":" + e.getMessage();
  }

  private static List<JobRecord.Item> failedItems(JobRecord job, String error) {
    return job.items().stream().map(item -> new JobRecord.Item(item.name(), JobState.FAILED, error)).toList();
  }
}
