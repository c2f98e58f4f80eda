package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.testData;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.Test;

/** Workers are restarted after N uses or over the memory limit, and put to sleep when idle, without failing a request. */
class RecyclingIT {

  @Test
  void workerIsSwappedForTheSpareAfterLimitNumberRequest() throws Exception {
    int port = TestServers.freePortPair();
    CloudoooServer server = TestServers.start(Map.of("pool_size", 1, "spare_workers", 1, "openoffice_port", port,
        "limit_number_request", 2, "monitor_interval", 1));
    try {
      Set<Long> pidsThatWorked = convertAndCollectPids(server, 5);
      // 5 conversions + the format table read, 2 per soffice: at least three different processes did the work.
      assertThat(pidsThatWorked).hasSizeGreaterThanOrEqualTo(3);
      awaitIdle(server, 1);
    } finally {
      TestServers.stop(server);
    }
    assertThat(ServerProcess.sofficeProcessesOn(port)).isEmpty();
  }

  @Test
  void workerOverTheMemoryLimitIsRecycledAfterItsTask() throws Exception {
    int port = TestServers.freePortPair();
    CloudoooServer server = TestServers.start(Map.of("pool_size", 1, "spare_workers", 1, "openoffice_port", port,
        "enable_memory_monitor", true, "limit_memory_used", 1, "monitor_interval", 1));
    try {
      // Every soffice uses more than 1 MB: each task is followed by a swap.
      assertThat(convertAndCollectPids(server, 2)).hasSize(2);
    } finally {
      TestServers.stop(server);
    }
  }

  @Test
  void idleWorkerSleepsAndTheNextRequestWakesIt() throws Exception {
    int port = TestServers.freePortPair();
    CloudoooServer server = TestServers.start(Map.of("pool_size", 1, "spare_workers", 0, "openoffice_port", port,
        "max_sleeping_duration", 2, "monitor_interval", 1));
    try {
      TestServers.await("the idle worker asleep", Duration.ofSeconds(20),
          () -> office(server).workers().get(0).state() == WorkerState.STOPPED);
      assertThat(ServerProcess.sofficeProcessesOn(port)).isEmpty();
      var client = new XmlRpcTestClient(server.port());
      assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
      WorkerStatus awake = office(server).workers().get(0);
      assertThat(awake.pid()).isPositive();
    } finally {
      TestServers.stop(server);
    }
  }

  /** Converts sequentially and records which soffice ran each conversion. */
  private static Set<Long> convertAndCollectPids(CloudoooServer server, int conversions) throws Exception {
    var client = new XmlRpcTestClient(server.port());
    Set<Long> pids = new HashSet<>();
    for (int i = 0; i < conversions; i++) {
      long before = activePid(server);
      assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
      pids.add(before);
      awaitIdle(server, 1);
    }
    return pids;
  }

  /** The pid of the worker in rotation (the idle active one). */
  private static long activePid(CloudoooServer server) throws InterruptedException {
    awaitIdle(server, 1);
    PoolStatus status = office(server);
    return status.workers().stream().filter(w -> w.state() == WorkerState.IDLE && w.pid() > 0)
        .mapToLong(WorkerStatus::pid).findFirst().orElseThrow();
  }

  private static void awaitIdle(CloudoooServer server, int free) throws InterruptedException {
    TestServers.await("the pool idle", Duration.ofSeconds(60), () -> {
      PoolStatus status = office(server);
      return status.free() >= free && status.workers().stream().noneMatch(w -> w.state() == WorkerState.STARTING);
    });
  }

  private static PoolStatus office(CloudoooServer server) {
    return TestServers.officePool(server);
  }
}
