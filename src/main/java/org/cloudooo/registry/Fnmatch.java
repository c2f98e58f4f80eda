package org.cloudooo.registry;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch.fnmatchcase}: whole-string shell patterns where {@code *} also
 * matches {@code /}, {@code ?} one character, {@code [seq]} and {@code [!seq]} a class.
 */
final class Fnmatch {

  private Fnmatch() {}

  static Pattern compile(String shellPattern) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    int n = shellPattern.length();
    while (i < n) {
      char c = shellPattern.charAt(i++);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        int end = classEnd(shellPattern, i);
        if (end < 0) {
          regex.append("\\[");
        } else {
          String body = shellPattern.substring(i, end).replace("\\", "\\\\");
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          } else if (body.startsWith("^")) {
            body = "\\" + body;
          }
          regex.append('[').append(body).append(']');
          i = end + 1;
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Index of the {@code ]} closing a class opened just before {@code start}, or -1. */
  private static int classEnd(String pattern, int start) {
    int j = start;
    if (j < pattern.length() && pattern.charAt(j) == '!') {
      j++;
    }
    if (j < pattern.length() && pattern.charAt(j) == ']') {
      j++;
    }
    while (j < pattern.length() && pattern.charAt(j) != ']') {
      j++;
    }
    return j < pattern.length() ? j : -1;
  }
}
