package org.cloudooo.core;

/**
 * Every kind of error a client can be told about. {@link #wireName()} is what the fault text
 * starts with ({@code ValueError:...}), as the original's Python exception types read, and the
 * {@code outcome} label of the conversion metrics; it never changes.
 */
public enum ErrorKind {
  /** The document or an argument is wrong; sending it again will not help. */
  VALUE_ERROR("ValueError"),
  /** An argument has the wrong type. */
  TYPE_ERROR("TypeError"),
  /** A document argument is not valid base64. */
  BASE64_ERROR("binascii.Error"),
  /** The requested pair of formats cannot be converted. */
  UNSUPPORTED_FORMAT("UnsupportedFormat"),
  /** No {@code mimetype_registry} line names a handler for the pair of formats. */
  HANDLER_NOT_FOUND("HandlerNotFound"),
  /** The backend failed on a document that looked valid. */
  CONVERSION_ERROR("ConversionError"),
  /** A run outlived its timeout and was killed. */
  TIMEOUT_ERROR("TimeoutError"),
  /** Every worker stayed busy for longer than the client should wait, or too many wait. */
  SERVER_BUSY("ServerBusy"),
  /** The document broke the backend on every attempt; it is refused for a while. */
  POISON_DOCUMENT("PoisonDocument"),
  /** The document links to content outside itself (the original's RuntimeError). */
  UNSAFE_DOCUMENT("RuntimeError"),
  /** The document is protected by a password and none was given ({@code conversion_kw['password']}). */
  PASSWORD_REQUIRED("PasswordRequired"),
  /** The password given does not open the document. */
  WRONG_PASSWORD("WrongPassword"),
  /** The handler does not do this (the original's NotImplementedError). */
  NOT_IMPLEMENTED("NotImplementedError"),
  /** A request the original refused with a bare Exception (unknown method, scripting). */
  REFUSED("Exception"),
  /** The request body is larger than {@code max_request_size}. */
  REQUEST_TOO_LARGE("RequestTooLarge"),
  /** The request is not well-formed XML-RPC. */
  PARSE_ERROR("ParseError"),
  /** The work was stopped before it ended: its job was deleted while it ran. */
  CANCELLED("Cancelled"),
  /** No job has this ticket (never submitted, deleted, or its result expired). */
  JOB_NOT_FOUND("JobNotFound"),
  /** The job is still queued or running: ask again later. */
  JOB_NOT_READY("JobNotReady"),
  /** The job ended without a result; the message says why. */
  JOB_FAILED("JobFailed"),
  /** A failure of the server itself; its log has the details. */
  INTERNAL_ERROR("InternalError");

  private final String wireName;

  ErrorKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name faults, logs and metric labels use. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
