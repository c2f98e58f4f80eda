package org.cloudooo.handler;

import java.nio.file.Path;

/**
 * A document given to a metadata call.
 *
 * @param jobDirectory a fresh directory owned by this request, deleted after it
 * @param data the document's bytes
 * @param sourceFormat its extension as the client gave it
 */
public record DocumentRequest(Path jobDirectory, byte[] data, String sourceFormat) {}
