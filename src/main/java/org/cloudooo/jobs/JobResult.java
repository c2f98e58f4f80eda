package org.cloudooo.jobs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A done job's result as a transport sends it.
 *
 * @param file the result, linked into the caller's workspace (it stays readable when the job is
 *     deleted or expires meanwhile)
 * @param name its file name
 * @param contentType its media type
 */
public record JobResult(Path file, String name, String contentType) {

  /** The header that names the job a result (or a callback) belongs to. */
  public static final String TICKET_HEADER = "X-Cloudooo-Ticket";

  /** {@code Content-Disposition} for the result: its name as given. */
  public String contentDisposition() {
    return contentDisposition(name);
  }

  /** {@code attachment; filename="..."}, with the UTF-8 form beside it for names that are not ASCII. */
  static String contentDisposition(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
