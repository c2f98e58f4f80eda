package org.cloudooo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-way layering of the main code: server → rpc, ops → jobs → service → registry → handler API
 * ← handlers → supervision, with core, config and format at the bottom. Each package may use
 * only the packages listed for it; handlers never use each other (the registry finds them by
 * name, the server through {@link java.util.ServiceLoader}).
 */
class LayeringTest {

  private static final Path MAIN = Path.of("src/main/java/org/cloudooo");
  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.cloudooo\\.((?:[a-z]+\\.)*[a-z]+)\\.[A-Z]");

  private static final Set<String> BOTTOM = Set.of("core", "config", "format");
  private static final Set<String> HANDLER_KIT = union(BOTTOM, Set.of("supervision", "handler", "handler.process", "granulate"));

  /** What each package may use besides itself. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("core", Set.of()),
      Map.entry("config", Set.of("core")),
      Map.entry("format", Set.of("core")),
      Map.entry("supervision", Set.of("core")),
      Map.entry("granulate", Set.of("core", "format")),
      Map.entry("handler", union(BOTTOM, Set.of("supervision"))),
      Map.entry("handler.process", union(BOTTOM, Set.of("supervision", "handler"))),
      Map.entry("registry", union(BOTTOM, Set.of("handler"))),
      Map.entry("service", union(BOTTOM, Set.of("registry", "handler", "granulate", "supervision"))),
      Map.entry("jobs", union(BOTTOM, Set.of("service"))),
      Map.entry("rpc", union(BOTTOM, Set.of("service", "jobs"))),
      Map.entry("ops", union(BOTTOM, Set.of("service", "supervision", "jobs"))),
      Map.entry("server", union(BOTTOM, Set.of("ops", "rpc", "jobs", "service", "registry", "handler", "supervision"))));

  @Test
  void nothingUsesALayerAboveIt() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String own = MAIN.relativize(file.getParent()).toString().replace('/', '.');
        packages.add(own);
        Set<String> allowed = allowedFor(own);
        Matcher reference = REFERENCE.matcher(Files.readString(file));
        while (reference.find()) {
          String used = reference.group(1);
          if (!used.equals(own) && !allowed.contains(used)) {
            violations.add(MAIN.relativize(file) + " uses org.cloudooo." + used);
          }
        }
      }
    }
    assertThat(packages).as("every package has a place in the layering").allMatch(p -> allowedFor(p) != null);
    assertThat(violations).isEmpty();
  }

  /** A package's allowed uses; any other {@code handler.<name>} is a handler (one package each). */
  private static Set<String> allowedFor(String pkg) {
    return ALLOWED.containsKey(pkg) ? ALLOWED.get(pkg) : pkg.matches("handler\\.[a-z]+") ? HANDLER_KIT : null;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
