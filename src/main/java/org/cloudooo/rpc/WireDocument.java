package org.cloudooo.rpc;

import java.nio.file.Path;

/**
 * A document in an answer: written as base64 text straight from its file into the response,
 * so that neither the bytes nor the text are ever held whole.
 *
 * @param file a file of the request's workspace, deleted after the answer
 */
record WireDocument(Path file) {}
