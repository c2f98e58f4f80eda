package org.cloudooo.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cloudooo.core.CloudoooException;

/**
 * A client's {@code conversion_kw} read with types: each accessor names the key and lists
 * the valid values when a value is wrong, so that a client sees what to send instead.
 */
public final class ConversionOptions {

  private final Map<String, Object> options;

  public ConversionOptions(Map<String, Object> options) {
    this.options = Map.copyOf(options);
  }

  public boolean has(String key) {
    return options.containsKey(key);
  }

  /**
   * Refuses every key outside {@code accepted}, naming what the accepted keys are for.
   *
   * @param purpose what the accepted keys apply to ({@code "a pdf export"})
   */
  public void requireOnly(Set<String> accepted, String purpose) {
    for (String key : new TreeSet<>(options.keySet())) {
      if (!accepted.contains(key)) {
        throw CloudoooException.badInput("conversion_kw['" + key + "'] does not apply to " + purpose
            + "; keys for " + purpose + ": " + String.join(", ", new TreeSet<>(accepted)));
      }
    }
  }

  /** Whether the value is a string, for keys that take a name or a number. */
  public boolean isString(String key) {
    return options.get(key) instanceof String;
  }

  public Optional<String> string(String key) {
    return typed(key, String.class, "a string");
  }

  /** A string that must not be empty (passwords, watermark text). */
  public Optional<String> text(String key) {
    Optional<String> value = string(key);
    if (value.filter(String::isEmpty).isPresent()) {
      throw CloudoooException.badInput("conversion_kw['" + key + "'] is empty; give a non-empty string or leave it out");
    }
    return value;
  }

  /** One of a closed set of strings, compared exactly. */
  public Optional<String> oneOf(String key, List<String> valid) {
    Optional<String> value = string(key);
    if (value.isPresent() && !valid.contains(value.get())) {
      throw CloudoooException.badInput("conversion_kw['" + key + "']: '" + value.get() + "' is not one of " + String.join(", ", valid));
    }
    return value;
  }

  public Optional<Boolean> flag(String key) {
    return typed(key, Boolean.class, "true or false");
  }

  /** An integer within {@code [min, max]}. */
  public Optional<Integer> integer(String key, int min, int max) {
    Optional<Integer> number = typed(key, Integer.class, "an integer from " + min + " to " + max);
    if (number.isPresent() && (number.get() < min || number.get() > max)) {
      throw CloudoooException.badInput(
          "conversion_kw['" + key + "']: " + number.get() + " is out of range; give an integer from " + min + " to " + max);
    }
    return number;
  }

  /** A list whose items are each one of {@code valid}. */
  public Optional<List<String>> subsetOf(String key, List<String> valid) {
    Object value = options.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Object[] || value instanceof List<?>)) {
      throw wrongType(key, value, "a list of " + String.join(", ", valid));
    }
    List<?> items = value instanceof Object[] array ? List.of(array) : (List<?>) value;
    for (Object item : items) {
      if (!valid.contains(item)) {
        throw CloudoooException.badInput(
            "conversion_kw['" + key + "']: '" + item + "' is not one of " + String.join(", ", valid));
      }
    }
    return Optional.of(items.stream().map(Object::toString).toList());
  }

  private <T> Optional<T> typed(String key, Class<T> type, String expected) {
    Object value = options.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw wrongType(key, value, expected);
    }
    return Optional.of(type.cast(value));
  }

  private static CloudoooException wrongType(String key, Object value, String expected) {
    return CloudoooException.badInput(
        "conversion_kw['" + key + "']: " + describe(value) + " is not " + expected);
  }

  private static String describe(Object value) {
    return value instanceof String text ? "'" + text + "'" : value.getClass().getSimpleName().toLowerCase() + " " + value;
  }
}
