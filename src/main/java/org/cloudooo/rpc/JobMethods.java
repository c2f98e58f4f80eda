package org.cloudooo.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.jobs.JobService;
import org.cloudooo.jobs.JobSubmission;

/**
 * The job methods, beside the original's 23: {@code submitJob} answers a ticket at once, the
 * others ask about, collect or delete the job it names.
 */
final class JobMethods {

  private JobMethods() {}

  static List<RpcMethod> of(JobService jobs) {
    return List.of(
        new RpcMethod("submitJob", 3, 7,
            "Queues a conversion and returns its ticket at once: submitJob(file, source_format, destination_format,"
                + " zip=False, refresh=False, conversion_kw={}, job_options={}), arguments as convertFile's.\n"
                + "file may be a list of {'file': base64, 'source_format': ..., 'name': ...}: a batch, whose result is"
                + " one zip of the outputs under their names.\n"
                + "job_options: callback_url and error_callback_url (the result, or {ticket, state, error}, is POSTed"
                + " there when the job ends), result_ttl (seconds the result is kept), macro and init_function (a Basic"
                + " module run on the files, when the server allows macro jobs).",
            p -> jobs.submit(submission(p))),
        new RpcMethod("getJobStatus", 1, 1,
            "Returns {'ticket', 'state', 'submitted', 'started', 'finished', 'position', 'attempts', 'error',"
                + " 'result_size', 'items'}; state is queued, running, done, failed or cancelled, times ISO-8601,"
                + " position the place in the queue while queued, items each document's name, state and error.",
            p -> jobs.status(p.string(0, "ticket")).toMap()),
        new RpcMethod("getJobResult", 1, 1,
            "Returns the result of a done job as base64 text, as convertFile does; a JobNotReady fault while it is"
                + " queued or running, JobFailed with the reason when it failed.",
            p -> new WireDocument(jobs.result(p.string(0, "ticket"), RequestWorkspace.current()).file())),
        new RpcMethod("deleteJob", 1, 1,
            "Deletes a job and its files and returns True: a queued job is cancelled, a running one stopped.",
            p -> {
              jobs.delete(p.string(0, "ticket"));
              return Boolean.TRUE;
            }),
        new RpcMethod("listJobs", 0, 1,
            "Returns [{'ticket', 'state', 'submitted'}, ...], newest first, at most " + JobService.LIST_LIMIT
                + "; state='' lists every state.",
            p -> jobs.list(p.optionalString(0, "state").orElse("")).toArray()));
  }

  private static JobSubmission submission(Params p) {
    String sourceFormat = p.optionalString(1, "source_format").orElse("");
    List<JobSubmission.Document> documents = new ArrayList<>();
    Object file = p.raw(0);
    boolean batch = file instanceof Object[];
    if (batch) {
      Object[] list = (Object[]) file;
      for (int i = 0; i < list.length; i++) {
        if (!(list[i] instanceof Map<?, ?> entry)) {
          throw new CloudoooException(ErrorKind.TYPE_ERROR, "submitJob() `file` item " + (i + 1)
              + " must be a struct {'file': base64, 'source_format': ..., 'name': ...}");
        }
        Object format = entry.get("source_format");
        Object name = entry.get("name");
        documents.add(new JobSubmission.Document(name == null ? null : name.toString(),
            p.document(entry.get("file"), "file"), format == null ? sourceFormat : format.toString()));
      }
    } else {
      documents.add(new JobSubmission.Document(null, p.document(0, "file"), sourceFormat));
    }
    return new JobSubmission(documents, batch, p.optionalString(2, "destination_format").orElse(""),
        p.bool(3, "zip", false), p.bool(4, "refresh", false), p.struct(5, "conversion_kw"), p.struct(6, "job_options"));
  }
}
