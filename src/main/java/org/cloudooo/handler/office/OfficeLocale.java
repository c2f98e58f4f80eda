package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the locale soffice is given ({@code env-LANG}, {@code env-LC_*}, or the server's own)
 * is installed. soffice runs with one that is not, but loads every document slower: measured
 * here with LibreOffice 7.4 and two workers converting 20 documents of 9 types to PDF, an ODT
 * loaded in 50 ms instead of 34, a CSV in 40 instead of 24, and the two workers converted 716
 * documents in 30 s instead of 888. The bundled {@code env-LANG} is {@code en_US.UTF-8}, which a
 * Debian machine has only once it is generated; so the server says so at start.
 */
final class OfficeLocale {

  private static final Logger LOG = LoggerFactory.getLogger(OfficeLocale.class);
  /** Overrides every other locale variable when set. */
  private static final String ALL = "LC_ALL";
  /** glibc's categories, then the default for those not set (other LC_ names, such as LC_TERMINAL, are no locale). */
  private static final List<String> VARIABLES = List.of("LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
      "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION", "LANG");
  private static final Set<String> ALWAYS_PRESENT = Set.of("c", "posix");
  private static final long LIST_TIMEOUT_SECONDS = 5;

  private OfficeLocale() {}

  /**
   * The locale variables of soffice's environment that name a locale {@code installed} lacks,
   * as {@code NAME=value}.
   *
   * @param environment soffice's environment: the server's, overridden by {@code env-*}
   * @param installed what {@code locale -a} lists ({@code C.utf8}, {@code en_US.utf8})
   */
  static List<String> missing(Map<String, String> environment, Collection<String> installed) {
    Set<String> known = installed.stream().map(OfficeLocale::normalized).collect(Collectors.toSet());
    List<String> asked = new ArrayList<>();
    if (!environment.getOrDefault(ALL, "").isEmpty()) {
      asked.add(ALL);
    } else {
      VARIABLES.stream().filter(name -> !environment.getOrDefault(name, "").isEmpty()).forEach(asked::add);
    }
    return asked.stream().filter(name -> {
      String wanted = normalized(environment.get(name));
      return !ALWAYS_PRESENT.contains(wanted) && !known.contains(wanted);
    }).map(name -> name + "=" + environment.get(name)).toList();
  }

  /** glibc's spelling of a name: {@code en_US.UTF-8} is listed as {@code en_US.utf8}. */
  static String normalized(String name) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      return name.toLowerCase(Locale.ROOT);
    }
    int modifier = name.indexOf('@', dot);
    String codeset = name.substring(dot + 1, modifier < 0 ? name.length() : modifier);
    String rest = modifier < 0 ? "" : name.substring(modifier);
    return (name.substring(0, dot) + "." + codeset.replace("-", "").replace("_", "") + rest).toLowerCase(Locale.ROOT);
  }

  /** soffice's environment: the server's, overridden by the {@code env-*} entries. */
  private static Map<String, String> sofficeEnvironment(Map<String, String> backendEnvironment) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(backendEnvironment);
    return environment;
  }

  /** Logs a warning that says what to do when soffice's locale is not installed. */
  static void warnIfMissing(Map<String, String> backendEnvironment) {
    installed().map(names -> missing(sofficeEnvironment(backendEnvironment), names)).filter(found -> !found.isEmpty())
        .ifPresent(found -> LOG.warn("soffice is given {}, a locale this machine does not have: LibreOffice then takes 40 to"
            + " 70% longer to load each document. Install it (Debian: apt-get install locales, enable it in"
            + " /etc/locale.gen, run locale-gen) or set env-{} to an installed one (locale -a lists them; C.UTF-8 is always"
            + " there)", String.join(", ", found), found.get(0).substring(0, found.get(0).indexOf('='))));
  }

  /** What {@code locale -a} lists, or empty when it cannot be run (then nothing is judged). */
  static Optional<List<String>> installed() {
    try {
      Process process = new ProcessBuilder("locale", "-a").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      // The list is a few KiB, which the pipe holds until the process has exited.
      if (!process.waitFor(LIST_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      try (InputStream out = process.getInputStream()) {
        String listed = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        return process.exitValue() == 0 ? Optional.of(listed.lines().map(String::strip).toList()) : Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
