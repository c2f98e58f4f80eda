package org.cloudooo.registry;

import java.util.regex.Pattern;

/** One {@code mimetype_registry} line: {@code <input pattern> <output pattern> <handler>}. */
record RegistryRule(String inputPattern, String outputPattern, String handlerName, Pattern input, Pattern output) {

  static RegistryRule parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 3) {
      throw new IllegalArgumentException(
          "mimetype_registry line '" + line.strip() + "' must have exactly 3 fields: "
              + "<input mimetype pattern> <output mimetype pattern> <handler>");
    }
    return new RegistryRule(
        fields[0], fields[1], fields[2], Fnmatch.compile(fields[0]), Fnmatch.compile(fields[1]));
  }

  boolean acceptsInput(String mimetype) {
    return input.matcher(mimetype).matches();
  }

  boolean acceptsOutput(String mimetype) {
    return output.matcher(mimetype).matches();
  }

  @Override
  public String toString() {
    return inputPattern + " " + outputPattern + " " + handlerName;
  }
}
