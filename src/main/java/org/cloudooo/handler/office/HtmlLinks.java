package org.cloudooo.handler.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Refuses HTML that makes its reader load something from outside: pictures and frames
 * ({@code src}, {@code srcset}, {@code background}, {@code poster}), objects ({@code data},
 * {@code codebase}), style sheets ({@code <link>}, CSS in {@code <style>} and {@code style}),
 * SVG {@code <image>}/{@code <use>}, and a {@code <base>} that would move relative links out.
 * Hyperlinks ({@code <a href>}, forms) are not concerned.
 *
 * <p>A small tolerant tokenizer rather than a parser: it skips comments and the text of
 * scripts, decodes character references in attribute values ({@code file&#58;}), and reads
 * every attribute of every tag, however broken the page around it.
 */
final class HtmlLinks {

  /** Attributes that load what they name, on any element. */
  private static final Set<String> LOADING_ATTRIBUTES = Set.of("src", "background", "poster", "lowsrc", "dynsrc");
  /** SVG elements whose {@code href} or {@code xlink:href} is drawn in place. */
  private static final Set<String> SVG_REFERENCES = Set.of("image", "use", "feimage");
  /**
   * {@code <link rel>} values that only name a related page and load nothing. Any other
   * {@code <link>} (style sheets, icons, preloads, rels we do not know) must be safe.
   */
  private static final Set<String> NAVIGATION_RELS =
      Set.of("alternate", "canonical", "author", "bookmark", "help", "license", "next", "prev", "previous", "search",
          "home", "index", "start", "up", "first", "last", "contents", "copyright", "shortlink", "me", "nofollow",
          "noopener", "noreferrer", "external", "tag");
  private static final Map<String, String> NAMED_REFERENCES =
      Map.ofEntries(
          Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
          Map.entry("apos", "'"), Map.entry("colon", ":"), Map.entry("sol", "/"), Map.entry("bsol", "\\"),
          Map.entry("period", "."), Map.entry("tab", "\t"), Map.entry("newline", "\n"), Map.entry("nbsp", "\u00a0"));

  /** One attribute as written: lower-case name, value with character references decoded. */
  private record Attribute(String name, String value) {}

  private final String html;
  private final Consumer<String> styleSheets;
  private LinkScope scope;
  private int position;

  private HtmlLinks(String html, LinkScope scope, Consumer<String> styleSheets) {
    this.html = html;
    this.scope = scope;
    this.styleSheets = styleSheets;
  }

  /**
   * @param styleSheets receives every style sheet the page pulls in ({@code <link
   *     rel=stylesheet>}, {@code @import}) once {@code scope} allowed it, for a caller that can
   *     read it
   */
  static void scan(String html, LinkScope scope, Consumer<String> styleSheets) {
    new HtmlLinks(html, scope, styleSheets).scan();
  }

  /**
   * Where it could differ, the tokenizer ends comments and skipped text no later than
   * LibreOffice's HTML parser does, so that it reads at least every tag LibreOffice reads.
   */
  private void scan() {
    for (int open = html.indexOf('<'); open >= 0; open = html.indexOf('<', position)) {
      position = open + 1;
      if (html.startsWith("<!--", open)) {
        position = commentEnd(open);
      } else if (position < html.length() && Character.isLetter(html.charAt(position))) {
        String element = readTag();
        readText(element);
      } else if (position < html.length() && (html.charAt(position) == '!' || html.charAt(position) == '/')) {
        position = after(">", position); // <!DOCTYPE ...>, <![CDATA[ ... > and end tags
      }
      // anything else, <?xml ...?> included, is text to LibreOffice
    }
  }

  /** After {@code -->}, which may overlap the opening ({@code <!-->}); at the first {@code >} when there is none. */
  private int commentEnd(int open) {
    int close = html.indexOf("-->", open + 2);
    return close >= 0 ? close + 3 : after(">", open);
  }

  /** Reads a start tag from its name on, checks it, and returns the element's name. */
  private String readTag() {
    int start = position;
    while (position < html.length() && !isTagNameEnd(html.charAt(position))) {
      position++;
    }
    String element = html.substring(start, position).toLowerCase(Locale.ROOT);
    List<Attribute> attributes = new ArrayList<>();
    while (position < html.length()) {
      char c = html.charAt(position);
      if (c == '>') {
        position++;
        break;
      }
      if (Character.isWhitespace(c) || c == '/') {
        position++;
        continue;
      }
      attributes.add(readAttribute());
    }
    check(element.substring(element.indexOf(':') + 1), attributes);
    return element;
  }

  private Attribute readAttribute() {
    int start = position;
    while (position < html.length() && !isTagNameEnd(html.charAt(position)) && html.charAt(position) != '=') {
      position++;
    }
    position = Math.max(position, start + 1); // a stray '=' is a name of its own
    String name = html.substring(start, Math.min(position, html.length())).toLowerCase(Locale.ROOT);
    skipBlanks();
    if (position >= html.length() || html.charAt(position) != '=') {
      return new Attribute(name, "");
    }
    position++;
    skipBlanks();
    if (position >= html.length()) {
      return new Attribute(name, "");
    }
    char quote = html.charAt(position);
    int valueStart;
    int valueEnd;
    if (quote == '"' || quote == '\'') {
      valueStart = position + 1;
      int close = html.indexOf(quote, valueStart);
      valueEnd = close < 0 ? html.length() : close;
      position = Math.min(valueEnd + 1, html.length());
    } else {
      valueStart = position;
      while (position < html.length() && !Character.isWhitespace(html.charAt(position)) && html.charAt(position) != '>') {
        position++;
      }
      valueEnd = position;
    }
    return new Attribute(name, decodeReferences(html.substring(valueStart, valueEnd)));
  }

  private void check(String element, List<Attribute> attributes) {
    String rel = "";
    for (Attribute attribute : attributes) {
      if (attribute.name().equals("rel")) {
        rel = attribute.value().toLowerCase(Locale.ROOT);
      }
    }
    for (Attribute attribute : attributes) {
      String name = attribute.name();
      String value = attribute.value();
      if (LOADING_ATTRIBUTES.contains(name)
          || (name.equals("data") && element.equals("object"))
          || (name.equals("codebase") && (element.equals("object") || element.equals("applet")))
          || ((name.equals("href") || name.equals("xlink:href")) && SVG_REFERENCES.contains(element))) {
        scope.requireSafe(url(value));
      } else if (name.equals("srcset")) {
        srcsetCandidates(value).forEach(scope::requireSafe);
      } else if (name.equals("style")) {
        CssLinks.scan(value, scope, styleSheets);
      } else if (name.equals("href") && element.equals("link") && !isNavigation(rel)) {
        scope.requireSafe(url(value));
        if (List.of(rel.split("\\s+")).contains("stylesheet")) {
          styleSheets.accept(url(value));
        }
      } else if (name.equals("href") && element.equals("base")) {
        scope.requireSafe(url(value));
        if (!url(value).toLowerCase(Locale.ROOT).startsWith("data:")) {
          scope = scope.enter(url(value)); // later relative links start from there
        }
      }
    }
  }

  private static boolean isNavigation(String rel) {
    for (String token : rel.split("\\s+")) {
      if (!token.isEmpty() && !NAVIGATION_RELS.contains(token)) {
        return false;
      }
    }
    return !rel.isBlank();
  }

  /**
   * Skips a script's text and reads a style sheet's as CSS (LibreOffice ends one at {@code
   * </style>}, {@code </head>} or {@code <body>}). Without an end, the rest is read as HTML too.
   */
  private void readText(String element) {
    boolean style = element.equals("style");
    if (!style && !element.equals("script")) {
      return;
    }
    int end = style ? firstOf(position, "</style", "</head", "<body") : firstOf(position, "</script");
    if (style) {
      CssLinks.scan(html.substring(position, end < 0 ? html.length() : end), scope, styleSheets);
    }
    if (end >= 0) {
      position = end;
    }
  }

  /** The URLs of a {@code srcset}: each candidate's first word; data: URLs hold commas. */
  static List<String> srcsetCandidates(String srcset) {
    List<String> urls = new ArrayList<>();
    int i = 0;
    int n = srcset.length();
    while (i < n) {
      while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(srcset.charAt(i))) {
        i++;
      }
      String candidate = srcset.substring(start, i).replaceAll(",+$", "");
      if (!candidate.isEmpty()) {
        urls.add(url(candidate));
      }
      if (!srcset.substring(start, i).endsWith(",")) {
        while (i < n && srcset.charAt(i) != ',') { // the descriptors: 2x, 300w
          i++;
        }
      }
    }
    return urls;
  }

  /** An attribute's URL as a reader takes it: tabs and newlines inside are dropped. */
  private static String url(String value) {
    return value.replaceAll("[\\t\\n\\r]", "").strip();
  }

  private static String decodeReferences(String value) {
    int amp = value.indexOf('&');
    if (amp < 0) {
      return value;
    }
    StringBuilder text = new StringBuilder(value.length());
    text.append(value, 0, amp);
    int i = amp;
    while (i < value.length()) {
      char c = value.charAt(i);
      int end = c == '&' ? referenceEnd(value, i + 1) : i;
      String decoded = end > i ? decodeReference(value.substring(i + 1, end)) : null;
      if (decoded == null) {
        text.append(c);
        i++;
      } else {
        text.append(decoded);
        i = end < value.length() && value.charAt(end) == ';' ? end + 1 : end;
      }
    }
    return text.toString();
  }

  /** Where the reference starting at {@code from} (after {@code &}) ends: its digits, or its name. */
  private static int referenceEnd(String value, int from) {
    int i = from;
    int radix = 36; // a name: letters and digits
    if (i < value.length() && value.charAt(i) == '#') {
      i++;
      radix = 10;
      if (i < value.length() && (value.charAt(i) == 'x' || value.charAt(i) == 'X')) {
        i++;
        radix = 16;
      }
    }
    while (i < value.length() && Character.digit(value.charAt(i), radix) >= 0) {
      i++;
    }
    return i;
  }

  /**
   * The text of {@code #58}, {@code #x3a} or {@code colon}; null when it is not a reference.
   * Numbers wrap at 16 bits and zero gives nothing, as in LibreOffice: {@code &#65594;} is a colon.
   */
  private static String decodeReference(String reference) {
    boolean hex = reference.startsWith("#x") || reference.startsWith("#X");
    if (!reference.startsWith("#")) {
      return NAMED_REFERENCES.get(reference.toLowerCase(Locale.ROOT));
    }
    String digits = reference.substring(hex ? 2 : 1);
    if (digits.isEmpty()) {
      return null;
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = Character.digit(digits.charAt(i), hex ? 16 : 10);
      if (digit < 0) {
        return null;
      }
      value = (value * (hex ? 16 : 10) + digit) & 0xFFFF;
    }
    return value == 0 ? "" : String.valueOf((char) value);
  }

  private static boolean isTagNameEnd(char c) {
    return Character.isWhitespace(c) || c == '>' || c == '/';
  }

  private void skipBlanks() {
    while (position < html.length() && Character.isWhitespace(html.charAt(position))) {
      position++;
    }
  }

  private int after(String terminator, int from) {
    int found = html.indexOf(terminator, from);
    return found < 0 ? html.length() : found + terminator.length();
  }

  /** Where the first of {@code needles} (any case) starts from {@code from} on; -1 if none does. */
  private int firstOf(int from, String... needles) {
    for (int i = from; i < html.length(); i++) {
      if (html.charAt(i) == '<') {
        for (String needle : needles) {
          if (html.regionMatches(true, i, needle, 0, needle.length())) {
            return i;
          }
        }
      }
    }
    return -1;
  }
}
