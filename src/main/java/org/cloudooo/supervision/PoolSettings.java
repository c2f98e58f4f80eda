package org.cloudooo.supervision;

import java.time.Duration;

/**
 * How a {@link WorkerPool} lends, recycles and sleeps its workers.
 *
 * @param name shown in logs and metrics ({@code office})
 * @param acquireTimeout how long a job waits for a free worker before a "busy" answer
 * @param maxQueue jobs that may wait at once; one more is answered "busy" at once
 * @param maxUses jobs after which a worker's backend is restarted
 * @param maxRssBytes resident memory above which a worker is restarted after its job; 0 for no limit
 * @param maxIdle idle time after which a worker's backend is stopped (started again on demand); zero for never
 * @param monitorInterval how often idle workers are checked for memory and idle time
 * @param startTimeout how long starting all workers may take
 */
public record PoolSettings(
    String name,
    Duration acquireTimeout,
    int maxQueue,
    long maxUses,
    long maxRssBytes,
    Duration maxIdle,
    Duration monitorInterval,
    Duration startTimeout) {}
