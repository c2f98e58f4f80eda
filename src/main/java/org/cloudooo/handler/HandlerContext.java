package org.cloudooo.handler;

import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.supervision.PoolListener;

/**
 * What a handler is given at start.
 *
 * @param config the server configuration (each handler builds its settings record from {@code keys()})
 * @param mediaTypes the shared extension ↔ mimetype tables
 * @param poolListener observer of worker pools (metrics); give it to every pool the handler makes
 */
public record HandlerContext(CloudoooConfig config, MediaTypes mediaTypes, PoolListener poolListener) {}
