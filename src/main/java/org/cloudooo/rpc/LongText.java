package org.cloudooo.rpc;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code <string>} too long to keep in memory, decoded as base64 into a file of the request's
 * workspace while the request was parsed: only a document argument may be that long.
 *
 * @param file the decoded bytes
 * @param characters the length of the text
 * @param base64Error why the text is not valid base64, if it is not
 */
record LongText(Path file, long characters, Optional<String> base64Error) {}
