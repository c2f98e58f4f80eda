package org.cloudooo.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a job (or one document of a batch) is: waiting, on a worker, or ended one of three ways. */
public enum JobState {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  /** The name clients see ({@code queued}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  /** The state a client named, if it is one. */
  public static Optional<JobState> ofWireName(String name) {
    return Arrays.stream(values()).filter(state -> state.wireName().equals(name)).findFirst();
  }

  /** {@code queued, running, ...}, for faults that list them. */
  public static String wireNames() {
    return String.join(", ", Arrays.stream(values()).map(JobState::wireName).toList());
  }
}
