package org.cloudooo.handler;

import java.util.Locale;

/** How the original names metadata keys. */
public final class MetadataKeys {

  /** The entry holding a document itself ({@code Data}): the base document of a metadata read. */
  public static final String DATA = "Data";

  private MetadataKeys() {}

  /** Python's {@code str.capitalize}: first character upper case, all others lower case. */
  public static String capitalize(String key) {
    if (key.isEmpty()) {
      return key;
    }
    return key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1).toLowerCase(Locale.ROOT);
  }
}
