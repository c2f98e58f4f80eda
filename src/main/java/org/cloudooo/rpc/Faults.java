package org.cloudooo.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.server.XmlRpcNoSuchHandlerException;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error becomes a fault as the original sends it: faultCode 1 and a readable
 * {@code Type:message} string, never a Java stack trace.
 */
final class Faults {

  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
  static final int FAULT_CODE = 1;

  private Faults() {}

  static XmlRpcException toFault(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CloudoooException client) {
        return fault(client.kind(), client.getMessage());
      }
      if (t instanceof XmlRpcNoSuchHandlerException) {
        return fault(ErrorKind.REFUSED, t.getMessage());
      }
      if (t instanceof RequestTooLargeException tooLarge) {
        return fault(ErrorKind.REQUEST_TOO_LARGE, tooLarge.getMessage());
      }
    }
    if (error instanceof XmlRpcException rpc && rpc.getMessage() != null && rpc.getMessage().startsWith("Failed to")) {
      return fault(ErrorKind.PARSE_ERROR, withCause(rpc));
    }
    LOG.error("unexpected error answered as a fault", error);
    return fault(ErrorKind.INTERNAL_ERROR, "the server failed unexpectedly (" + withCause(error) + "); see its log");
  }

  static XmlRpcException fault(ErrorKind kind, String message) {
    return new XmlRpcException(FAULT_CODE, kind.wireName() + ":" + message);
  }

  private static String withCause(Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Throwable cause = error.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    return message;
  }
}
