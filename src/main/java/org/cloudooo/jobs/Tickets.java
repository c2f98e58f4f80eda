package org.cloudooo.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.cloudooo.core.CloudoooException;

/**
 * Job tickets: 128 random bits as 32 hexadecimal digits. Unguessable, since a ticket is all it
 * takes to collect or delete a job; and safe as a folder name.
 */
final class Tickets {

  private static final Pattern TICKET = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tickets() {}

  static String next() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return HexFormat.of().formatHex(bits);
  }

  /** The ticket, or a fault naming what was sent instead. */
  static String check(String ticket) {
    if (ticket == null || !TICKET.matcher(ticket).matches()) {
      String shown = ticket == null ? "None" : ticket.length() > 64 ? ticket.substring(0, 64) + "..." : ticket;
      throw CloudoooException.badInput("'" + shown + "' is not a job ticket: a ticket is the 32 hexadecimal digits"
          + " submitJob answered");
    }
    return ticket;
  }
}
