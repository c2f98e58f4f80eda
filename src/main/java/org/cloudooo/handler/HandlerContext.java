package org.cloudooo.handler;

import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.format.MediaTypes;

/**
 * What a handler is given at start.
 *
 * @param config the server configuration (handlers read their own keys from {@code raw()})
 * @param mediaTypes the shared extension ↔ mimetype tables
 */
public record HandlerContext(CloudoooConfig config, MediaTypes mediaTypes) {}
