package org.cloudooo.supervision;

import java.util.List;

/**
 * A snapshot of a pool.
 *
 * @param name the pool's name ({@code office})
 * @param workers each worker's snapshot
 * @param waiting requests waiting for a free worker
 * @param free workers ready to take a job now
 */
public record PoolStatus(String name, List<WorkerStatus> workers, int waiting, int free) {

  public int size() {
    return workers.size();
  }
}
