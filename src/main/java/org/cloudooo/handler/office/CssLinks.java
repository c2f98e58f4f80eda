package org.cloudooo.handler.office;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses CSS that loads something from outside: {@code url(...)} (backgrounds, fonts,
 * {@code @import url(...)}) and {@code @import "..."}. Comments are dropped and escapes
 * ({@code \3a}) decoded first, so that neither hides a scheme.
 */
final class CssLinks {

  private static final Pattern COMMENT = Pattern.compile("/\\*.*?(?:\\*/|$)", Pattern.DOTALL);
  private static final Pattern URL =
      Pattern.compile("url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)]*))", Pattern.CASE_INSENSITIVE);
  private static final Pattern IMPORT =
      Pattern.compile("@import\\s*(?:url\\(\\s*)?(?:\"([^\"]*)\"|'([^']*)'|([^\\s;\"')]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern ESCAPE = Pattern.compile("\\\\(?:([0-9a-fA-F]{1,6})[ \\t\\r\\n\\f]?|(\\r\\n|[\\s\\S]))");

  private CssLinks() {}

  /**
   * @param imports receives every imported style sheet that {@code scope} allows, for a caller
   *     that can read it
   */
  static void scan(String css, LinkScope scope, Consumer<String> imports) {
    String text = unescape(COMMENT.matcher(css).replaceAll(" "));
    for (Matcher url = URL.matcher(text); url.find(); ) {
      scope.requireSafe(firstGroup(url));
    }
    for (Matcher imported = IMPORT.matcher(text); imported.find(); ) {
      String link = firstGroup(imported);
      scope.requireSafe(link);
      imports.accept(link);
    }
  }

  private static String firstGroup(Matcher matcher) {
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group).strip();
      }
    }
    return "";
  }

  private static String unescape(String css) {
    if (css.indexOf('\\') < 0) {
      return css;
    }
    Matcher escape = ESCAPE.matcher(css);
    StringBuilder text = new StringBuilder(css.length());
    while (escape.find()) {
      String replacement;
      if (escape.group(1) != null) {
        int codePoint = Integer.parseInt(escape.group(1), 16);
        replacement = Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : "\uFFFD";
      } else {
        replacement = escape.group(2).startsWith("\r") || escape.group(2).equals("\n") || escape.group(2).equals("\f")
            ? "" // an escaped newline continues a string
            : escape.group(2);
      }
      escape.appendReplacement(text, Matcher.quoteReplacement(replacement));
    }
    escape.appendTail(text);
    return text.toString();
  }
}
