package org.cloudooo.config;

import java.time.Duration;

/**
 * How requests wait for the workers of any pool (office, ffmpeg, imagemagick, pdf).
 *
 * @param queueTimeout longest time a request waits for a free worker ({@code queue_timeout})
 * @param maxQueueSize requests that may wait for one pool at once; one more is answered busy
 *     at once ({@code max_queue_size})
 */
public record QueueSettings(Duration queueTimeout, int maxQueueSize) {
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(300);
  public static final int DEFAULT_MAX_QUEUE_SIZE = 64;
}
