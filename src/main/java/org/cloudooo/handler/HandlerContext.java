package org.cloudooo.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.supervision.PoolListener;

/**
 * What a handler is given at start.
 *
 * <p>The mimetype tables may still be loading when a handler starts (they take a few hundred
 * milliseconds, which the server spends starting the backends instead): a handler asks for them
 * once its backend runs, and waits for them then if it must.
 */
public final class HandlerContext {

  /** Reading the tables from the classpath takes well under a second; this only bounds a broken build. */
  private static final long MEDIA_TYPES_WAIT_SECONDS = 60;

  private final CloudoooConfig config;
  private final CompletableFuture<MediaTypes> mediaTypes;
  private final PoolListener poolListener;

  /**
   * @param config the server configuration (each handler builds its settings record from {@code keys()})
   * @param mediaTypes the shared extension ↔ mimetype tables, loaded or loading
   * @param poolListener observer of worker pools (metrics); give it to every pool the handler makes
   */
  public HandlerContext(CloudoooConfig config, CompletableFuture<MediaTypes> mediaTypes, PoolListener poolListener) {
    this.config = config;
    this.mediaTypes = mediaTypes;
    this.poolListener = poolListener;
  }

  public CloudoooConfig config() {
    return config;
  }

  /** The shared extension ↔ mimetype tables, once loaded. */
  public MediaTypes mediaTypes() {
    try {
      return mediaTypes.get(MEDIA_TYPES_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the mimetype tables were loading", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the mimetype tables did not load: " + e.getMessage(), e);
    }
  }

  public PoolListener poolListener() {
    return poolListener;
  }
}
