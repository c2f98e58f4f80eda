package org.cloudooo.handler.imagemagick;

import java.time.Duration;
import org.cloudooo.config.SettingsReader;

/**
 * How ImageMagick runs.
 *
 * @param poolSize how many convert or identify runs at once ({@code imagemagick_pool_size})
 * @param timeout how long one run may take before it is killed ({@code imagemagick_timeout})
 * @param limits the resource policy of every run ({@code imagemagick_*_limit})
 */
public record ImageMagickSettings(int poolSize, Duration timeout, ImageLimits limits) {

  public static final int DEFAULT_POOL_SIZE = 2;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public static ImageMagickSettings from(SettingsReader keys) {
    return new ImageMagickSettings(
        keys.integer("imagemagick_pool_size", 1, 64, DEFAULT_POOL_SIZE),
        keys.positiveSeconds("imagemagick_timeout", DEFAULT_TIMEOUT),
        ImageLimits.from(keys));
  }
}
