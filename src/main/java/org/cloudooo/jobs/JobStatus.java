package org.cloudooo.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client is told about a job ({@code getJobStatus}, {@code GET /jobs/{ticket}}).
 *
 * @param position place in the queue (1 = next) while queued, else 0
 * @param resultSize the result's length in bytes once done, else -1
 */
public record JobStatus(
    String ticket,
    JobState state,
    Instant submitted,
    Instant started,
    Instant finished,
    int position,
    int attempts,
    String error,
    long resultSize,
    List<Item> items) {

  /** One document's name, state and fault. */
  public record Item(String name, JobState state, String error) {}

  static JobStatus of(JobRecord job, int position) {
    return new JobStatus(job.ticket(), job.state(), job.submitted(), job.started(), job.finished(), position, job.attempts(),
        job.error(), job.result() == null ? -1 : job.result().size(),
        job.items().stream().map(item -> new Item(item.name(), item.state(), item.error())).toList());
  }

  /**
   * The fields as both transports send them: times as ISO-8601 text, states by their wire
   * names, and null (None) for what does not apply yet.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("ticket", ticket);
    map.put("state", state.wireName());
    map.put("submitted", iso(submitted));
    map.put("started", iso(started));
    map.put("finished", iso(finished));
    map.put("position", state == JobState.QUEUED ? position : null);
    map.put("attempts", attempts);
    map.put("error", error);
    map.put("result_size", resultSize < 0 ? null : resultSize <= Integer.MAX_VALUE ? (Object) (int) resultSize : resultSize);
    List<Map<String, Object>> itemMaps = new ArrayList<>();
    for (Item item : items) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", item.name());
      entry.put("state", item.state().wireName());
      entry.put("error", item.error());
      itemMaps.add(entry);
    }
    map.put("items", itemMaps);
    return map;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
