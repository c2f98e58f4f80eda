package org.cloudooo.supervision;

/**
 * A snapshot of one worker.
 *
 * @param id its name ({@code office-2002})
 * @param pid the backend's process id, -1 when not running or unknown
 * @param state what it is doing
 * @param uses jobs it ran since the server started
 * @param rssBytes resident memory of the backend and its children, 0 when unknown
 * @param currentTaskMillis how long its current job has been running, 0 when idle
 * @param keepsBackend whether the worker keeps a backend process between jobs (soffice); a
 *     worker that starts one per job (ffmpeg) or runs in the JVM (pdf) has a pid only while busy
 * @param client who holds the worker outside the XML-RPC requests ({@code 127.0.0.1:53122}, a
 *     UNO pass-through client); empty otherwise
 */
public record WorkerStatus(
    String id, long pid, WorkerState state, long uses, long rssBytes, long currentTaskMillis, boolean keepsBackend,
    String client) {

  /** This snapshot of a busy worker as held by a pass-through client; its task time is the session's age. */
  public WorkerStatus inSessionWith(String sessionClient) {
    return new WorkerStatus(id, pid, WorkerState.PASSTHROUGH, uses, rssBytes, currentTaskMillis, keepsBackend, sessionClient);
  }
}
