package org.cloudooo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

  private static final Set<Long> RUNNING = Set.of(101L, 102L);
  private static final LongPredicate RUNNING_PIDS = RUNNING::contains;

  private static WorkerStatus worker(String id, long pid, WorkerState state) {
    return new WorkerStatus(id, pid, state, 3, 90L << 20, 0, true, "");
  }

  @Test
  void upWhenOneWorkerOfEveryPoolHasARunningProcess() {
    var office = new PoolStatus("office", List.of(worker("office-1", 101, WorkerState.BUSY), worker("office-2", -1, WorkerState.IDLE)), 0, 0);
    var health = HealthCheck.evaluate(List.of(office), 4, RUNNING_PIDS);
    assertThat(health.up()).isTrue();
    assertThat(health.body()).isEqualTo(Map.of("status", "up",
        "pools", Map.of("office", Map.of("workers", 2, "live", 1, "free", 0, "waiting", 0))));
  }

  @Test
  void downWhenNoWorkerHasARunningProcess() {
    // 103 is a pid that exists no more, or a stopped process: both fail the predicate.
    var office = new PoolStatus("office", List.of(worker("office-1", 103, WorkerState.IDLE), worker("office-2", -1, WorkerState.STARTING)), 0, 1);
    var health = HealthCheck.evaluate(List.of(office), 4, RUNNING_PIDS);
    assertThat(health.up()).isFalse();
    assertThat(health.body()).containsEntry("status", "down")
        .containsEntry("reason", "pool office: none of its 2 workers has a live backend");
  }

  @Test
  void workersStoppedForBeingIdleStillServeTheNextJob() {
    var office = new PoolStatus("office", List.of(worker("office-1", -1, WorkerState.STOPPED)), 0, 1);
    assertThat(HealthCheck.evaluate(List.of(office), 4, RUNNING_PIDS).up()).isTrue();
  }

  @Test
  void downWhenMoreRequestsWaitThanTheLimitPerWorker() {
    var office = new PoolStatus("office", List.of(worker("office-1", 101, WorkerState.BUSY), worker("office-2", 102, WorkerState.BUSY)), 9, 0);
    var atLimit = new PoolStatus("office", office.workers(), 8, 0);
    assertThat(HealthCheck.evaluate(List.of(atLimit), 4, RUNNING_PIDS).up()).isTrue();
    var health = HealthCheck.evaluate(List.of(office), 4, RUNNING_PIDS);
    assertThat(health.problems()).containsExactly("pool office is saturated: 9 requests wait for 2 workers (limit 8)");
  }

  @Test
  void aDrainingServerIsDrainingHoweverHealthyItsPools() {
    var office = new PoolStatus("office", List.of(worker("office-1", 101, WorkerState.BUSY)), 0, 0);
    var health = HealthCheck.drainingOf(HealthCheck.evaluate(List.of(office), 4, RUNNING_PIDS), 1);
    assertThat(health.up()).isFalse();
    assertThat(health.status()).isEqualTo("draining");
    assertThat(health.body()).containsEntry("status", "draining")
        .containsEntry("reason", "draining: shutting down, 1 requests in progress")
        .containsEntry("pools", Map.of("office", Map.of("workers", 1, "live", 1, "free", 0, "waiting", 0)));
  }

  @Test
  void aServerWithoutPoolsIsUp() {
    assertThat(HealthCheck.evaluate(List.of(), 4, RUNNING_PIDS).up()).isTrue();
  }

  @Test
  void thisProcessRunsAndNoPidIsNotAProcess() {
    assertThat(BackendProcesses.isRunning(ProcessHandle.current().pid())).isTrue();
    assertThat(BackendProcesses.isRunning(-1)).isFalse();
    assertThat(BackendProcesses.isRunning(Integer.MAX_VALUE)).isFalse();
  }
}
