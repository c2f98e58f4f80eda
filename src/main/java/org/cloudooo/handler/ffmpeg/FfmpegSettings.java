package org.cloudooo.handler.ffmpeg;

import java.time.Duration;
import org.cloudooo.config.SettingsReader;

/**
 * How ffmpeg runs.
 *
 * @param poolSize how many ffmpeg or ffprobe runs at once ({@code ffmpeg_pool_size})
 * @param timeout how long one run may take before it is killed ({@code ffmpeg_timeout})
 * @param maxOutputBytes the largest file ffmpeg may write ({@code ffmpeg_max_output_size})
 */
public record FfmpegSettings(int poolSize, Duration timeout, long maxOutputBytes) {

  public static final int DEFAULT_POOL_SIZE = 2;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 256L << 20;

  public static FfmpegSettings from(SettingsReader keys) {
    return new FfmpegSettings(
        keys.integer("ffmpeg_pool_size", 1, 64, DEFAULT_POOL_SIZE),
        keys.positiveSeconds("ffmpeg_timeout", DEFAULT_TIMEOUT),
        keys.bytes("ffmpeg_max_output_size", DEFAULT_MAX_OUTPUT_BYTES));
  }
}
