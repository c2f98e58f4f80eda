package org.cloudooo.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jobs of a test server: the XML-RPC methods, and POST /jobs with a multipart body. */
final class JobClient {

  static final Set<String> FINISHED = Set.of("done", "failed", "cancelled");

  final XmlRpcTestClient rpc;
  final OpsHttp http;

  JobClient(int port) {
    this.rpc = new XmlRpcTestClient(port);
    this.http = new OpsHttp(port);
  }

  String submit(byte[] document, String source, String destination, Object... more) {
    List<Object> params = new ArrayList<>(List.of(XmlRpcTestClient.b64(document), source, destination));
    params.addAll(List.of(more));
    return (String) rpc.call("submitJob", params.toArray());
  }

  /** A batch entry as submitJob takes it. */
  static Map<String, Object> entry(String name, byte[] document, String source) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", XmlRpcTestClient.b64(document));
    entry.put("source_format", source);
    entry.put("name", name);
    return entry;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> status(String ticket) {
    return (Map<String, Object>) rpc.call("getJobStatus", ticket);
  }

  String state(String ticket) {
    return (String) status(ticket).get("state");
  }

  byte[] result(String ticket) {
    return Base64.getMimeDecoder().decode((String) rpc.call("getJobResult", ticket));
  }

  /** Polls every job until each has ended; their final status by ticket. */
  Map<String, Map<String, Object>> awaitFinished(List<String> tickets, Duration limit) throws InterruptedException {
    Map<String, Map<String, Object>> finished = new LinkedHashMap<>();
    long deadline = System.nanoTime() + limit.toNanos();
    while (finished.size() < tickets.size()) {
      for (String ticket : tickets) {
        if (!finished.containsKey(ticket)) {
          Map<String, Object> status = status(ticket);
          if (FINISHED.contains(status.get("state"))) {
            finished.put(ticket, status);
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(finished.size() + " of " + tickets.size() + " jobs finished after " + limit.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
    return finished;
  }

  /** POST /jobs: fields as text parts, then one file part per document (name → bytes). */
  HttpResponse<String> post(Map<String, String> fields, Map<String, byte[]> files) {
    String boundary = "cloudooo-test-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((name, bytes) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bytes);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(http.uri("/jobs"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** The ticket of a POST /jobs that was accepted (202). */
  String postJob(Map<String, String> fields, Map<String, byte[]> files) {
    HttpResponse<String> response = post(fields, files);
    if (response.statusCode() != 202) {
      throw new AssertionError("POST /jobs answered " + response.statusCode() + ": " + response.body());
    }
    return json(response).get("ticket").getAsString();
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  HttpResponse<byte[]> httpResult(String ticket) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(http.uri("/jobs/" + ticket + "/result")).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException("HTTP call failed: " + e, e);
    }
  }
}
