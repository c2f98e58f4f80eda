package org.cloudooo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims on a job folder shared by instances: one winner, leases, takeover, cancel requests. */
class JobClaimsTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path folder;

  private static JobClaims instance(String id) {
    return new JobClaims(id, LEASE, Clock.systemUTC());
  }

  private void age(String instanceId, Duration by) throws Exception {
    Files.setLastModifiedTime(folder.resolve(JobClaims.CLAIMED + instanceId), FileTime.from(Instant.now().minus(by)));
  }

  @Test
  void ofInstancesRacingForAQueuedJobExactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path job = Files.createDirectory(folder.resolve("job" + round));
      JobClaims.markQueued(job);
      int racers = 8;
      var start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(racers);
      try {
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          JobClaims racer = instance("instance" + i);
          claims.add(threads.submit((Callable<Boolean>) () -> {
            start.await(5, TimeUnit.SECONDS);
            return racer.claim(job);
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> claim : claims) {
          winners += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("round " + round).isEqualTo(1);
        assertThat(job.toFile().list()).hasSize(1).allMatch(name -> name.startsWith(JobClaims.CLAIMED));
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void aLiveClaimIsKeptAndALapsedOneIsTakenOverOnce() throws Exception {
    JobClaims owner = instance("owner");
    JobClaims other = instance("other");
    JobClaims third = instance("third");
    JobClaims.markQueued(folder);
    assertThat(owner.claim(folder)).isTrue();
    assertThat(other.claim(folder)).as("the owner's lease is fresh").isFalse();
    assertThat(owner.claim(folder)).as("its own claim").isTrue();

    age("owner", LEASE.minusSeconds(5));
    assertThat(owner.renew(folder)).isTrue();
    assertThat(other.expired(other.holder(folder))).as("renewed").isFalse();

    age("owner", LEASE.plusSeconds(5));
    assertThat(other.expired(other.holder(folder))).isTrue();
    assertThat(other.claim(folder)).isTrue();
    assertThat(other.holder(folder)).isInstanceOfSatisfying(JobClaims.Claimed.class,
        claimed -> assertThat(claimed.instanceId()).isEqualTo("other"));
    // The rename kept the old time; the new owner's claim must look fresh, or a third would take it at once.
    assertThat(third.expired(third.holder(folder))).isFalse();
    assertThat(third.claim(folder)).isFalse();
    assertThat(owner.renew(folder)).as("the old owner learns it lost the job").isFalse();
  }

  @Test
  void aReleasedJobIsFreeAgainAndAnUnmarkedOneIsClaimedLikeAQueuedOne() throws Exception {
    JobClaims owner = instance("owner");
    JobClaims other = instance("other");
    assertThat(owner.holder(folder)).isInstanceOf(JobClaims.Unmarked.class);
    assertThat(owner.claim(folder)).isTrue();
    assertThat(other.claim(folder)).isFalse();
    owner.release(folder);
    assertThat(owner.holder(folder)).isInstanceOf(JobClaims.Unclaimed.class);
    assertThat(other.claim(folder)).isTrue();
    assertThat(owner.renew(folder)).isFalse();
  }

  @Test
  void aCancelRequestIsSeenByTheOwnerAndAGoneJobCannotBeClaimed() throws Exception {
    assertThat(JobClaims.cancelRequested(folder)).isFalse();
    assertThat(JobClaims.requestCancel(folder)).isTrue();
    assertThat(JobClaims.requestCancel(folder)).as("asked twice").isTrue();
    assertThat(JobClaims.cancelRequested(folder)).isTrue();
    Path gone = folder.resolve("gone");
    assertThat(instance("any").claim(gone)).isFalse();
    assertThat(JobClaims.requestCancel(gone)).isFalse();
    assertThat(instance("any").holder(gone)).isInstanceOf(JobClaims.Unmarked.class);
  }
}
