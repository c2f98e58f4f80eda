package org.cloudooo.ops;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.jobs.JobResult;
import org.cloudooo.jobs.JobService;
import org.cloudooo.jobs.JobSubmission;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;

/**
 * Jobs over plain HTTP, for clients without XML-RPC (mapped on {@code /jobs} and {@code /jobs/*}):
 * <pre>
 *   POST   /jobs                 multipart: file (one or more), source_format, destination_format,
 *                                zip, refresh, conversion_kw (JSON), job_options (JSON) or its keys
 *                                as fields → 202 {"ticket": ...}
 *   GET    /jobs[?state=...]     {"jobs": [{ticket, state, submitted}, ...]}, newest first
 *   GET    /jobs/TICKET          the status, as getJobStatus
 *   GET    /jobs/TICKET/result   the result file, with Content-Type and Content-Disposition
 *   DELETE /jobs/TICKET          {"ticket": ..., "deleted": true}
 * </pre>
 * Faults are {@code {"error": "Kind:message"}} with a status saying what kind: 400 a bad
 * request, 403 refused, 404 no such job, 409 not ready yet, 410 cancelled, 422 failed, 429 busy.
 */
public final class JobsEndpoint extends HttpServlet {

  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  /** Fields whose value is a job option of the same name. */
  private static final Set<String> OPTION_FIELDS = Set.of("callback_url", "error_callback_url", "result_ttl", "macro", "init_function");
  private static final int MAX_FIELD_BYTES = 1 << 20;

  private final transient JobService jobs;
  private final transient Manager manager;

  public JobsEndpoint(JobService jobs, Manager manager) {
    this.jobs = jobs;
    this.manager = manager;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
      sendError(response, 405, ErrorKind.REFUSED.wireName() + ":POST goes to /jobs itself");
      return;
    }
    try (Workspace workspace = manager.openWorkspace()) {
      String ticket = jobs.submit(submission(request, workspace));
      response.setHeader("Location", "/jobs/" + ticket);
      send(response, 202, Map.of("ticket", ticket));
    } catch (CloudoooException e) {
      sendFault(response, e);
    } catch (IllegalStateException e) {
      // Jetty's multipart parser refuses a body past max_request_size this way.
      sendError(response, 413, ErrorKind.REQUEST_TOO_LARGE.wireName() + ":" + e.getMessage() + " (max_request_size)");
    }
  }

  private JobSubmission submission(HttpServletRequest request, Workspace workspace) throws IOException, ServletException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw CloudoooException.badInput("POST /jobs takes multipart/form-data: file parts and source_format,"
          + " destination_format, zip, refresh, conversion_kw, job_options fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    List<Part> files = new ArrayList<>();
    for (Part part : request.getParts()) {
      if (part.getName().equals("file")) {
        files.add(part);
      } else {
        fields.put(part.getName(), text(part));
      }
    }
    String sourceFormat = fields.getOrDefault("source_format", "");
    List<JobSubmission.Document> documents = new ArrayList<>();
    for (Part part : files) {
      String name = part.getSubmittedFileName();
      String format = !sourceFormat.isEmpty() ? sourceFormat
          : name != null && name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
      Path file = workspace.newFile("upload", ".bin");
      try (InputStream in = part.getInputStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      part.delete();
      documents.add(new JobSubmission.Document(name, file, format));
    }
    Map<String, Object> options = new LinkedHashMap<>(json(fields.get("job_options"), "job_options"));
    fields.forEach((field, value) -> {
      if (OPTION_FIELDS.contains(field)) {
        options.put(field, value);
      }
    });
    return new JobSubmission(documents, documents.size() > 1,
        fields.getOrDefault("destination_format", ""), flag(fields, "zip"), flag(fields, "refresh"),
        json(fields.get("conversion_kw"), "conversion_kw"), options);
  }

  private static String text(Part part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
      if (bytes.length > MAX_FIELD_BYTES) {
        throw CloudoooException.badInput("field " + part.getName() + " is longer than " + MAX_FIELD_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static boolean flag(Map<String, String> fields, String name) {
    String value = fields.getOrDefault(name, "false").trim();
    if (value.equalsIgnoreCase("true") || value.equals("1")) {
      return true;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0") || value.isEmpty()) {
      return false;
    }
    throw CloudoooException.badInput("field " + name + " must be true or false, not '" + value + "'");
  }

  private static Map<String, Object> json(String text, String field) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> value = GSON.fromJson(text, new TypeToken<Map<String, Object>>() {}.getType());
      return value == null ? Map.of() : value;
    } catch (JsonParseException e) {
      throw CloudoooException.badInput("field " + field + " must be a JSON object: " + e.getMessage());
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String[] path = path(request);
    try {
      if (path.length == 0) {
        String state = request.getParameter("state");
        send(response, 200, Map.of("jobs", jobs.list(state == null ? "" : state)));
      } else if (path.length == 1) {
        send(response, 200, jobs.status(path[0]).toMap());
      } else if (path.length == 2 && path[1].equals("result")) {
        sendResult(response, path[0]);
      } else {
        sendError(response, 404, ErrorKind.JOB_NOT_FOUND.wireName() + ":no such resource; GET /jobs, /jobs/TICKET or"
            + " /jobs/TICKET/result");
      }
    } catch (CloudoooException e) {
      sendFault(response, e);
    }
  }

  private void sendResult(HttpServletResponse response, String ticket) throws IOException {
    try (Workspace workspace = manager.openWorkspace()) {
      JobResult result = jobs.result(ticket, workspace);
      response.setStatus(200);
      response.setContentType(result.contentType());
      response.setHeader("Content-Disposition", result.contentDisposition());
      response.setHeader(JobResult.TICKET_HEADER, ticket);
      response.setContentLengthLong(Files.size(result.file()));
      Files.copy(result.file(), response.getOutputStream());
    }
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String[] path = path(request);
    if (path.length != 1) {
      sendError(response, 405, ErrorKind.REFUSED.wireName() + ":DELETE /jobs/TICKET deletes a job");
      return;
    }
    try {
      jobs.delete(path[0]);
      send(response, 200, Map.of("ticket", path[0], "deleted", true));
    } catch (CloudoooException e) {
      sendFault(response, e);
    }
  }

  /** The segments after /jobs: none, the ticket, or the ticket and "result". */
  private static String[] path(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.equals("/")) {
      return new String[0];
    }
    return info.substring(1).split("/", -1);
  }

  static int status(ErrorKind kind) {
    return switch (kind) {
      case JOB_NOT_FOUND -> 404;
      case JOB_NOT_READY -> 409;
      case CANCELLED -> 410;
      case JOB_FAILED -> 422;
      case SERVER_BUSY -> 429;
      case REQUEST_TOO_LARGE -> 413;
      case REFUSED -> 403;
      case INTERNAL_ERROR, CONVERSION_ERROR, TIMEOUT_ERROR -> 500;
      default -> 400;
    };
  }

  private static void sendFault(HttpServletResponse response, CloudoooException e) throws IOException {
    if (e.kind() == ErrorKind.JOB_NOT_READY) {
      response.setHeader("Retry-After", "1");
    }
    sendError(response, status(e.kind()), e.kind().wireName() + ":" + e.getMessage());
  }

  private static void sendError(HttpServletResponse response, int status, String fault) throws IOException {
    send(response, status, Map.of("error", fault));
  }

  private static void send(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
