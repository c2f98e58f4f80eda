package org.cloudooo.rpc;

import java.io.IOException;

/** The request body is larger than {@code max_request_size}. */
final class RequestTooLargeException extends IOException {
  RequestTooLargeException(long limit) {
    super("the request is larger than max_request_size (" + limit + " bytes); send a smaller document"
        + " or raise max_request_size in cloudooo.conf");
  }
}
