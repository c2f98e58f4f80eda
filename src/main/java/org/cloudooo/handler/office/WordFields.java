package org.cloudooo.handler.office;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Follows Word's fields through a part and refuses those that pull content in at load:
 * {@code INCLUDEPICTURE}, {@code INCLUDETEXT}, {@code IMPORT} and {@code LINK} with an unsafe
 * target, and every {@code DDE}/{@code DDEAUTO} field. A field's code may be split over many
 * {@code w:instrText} runs, and hold nested fields whose results become part of it.
 */
final class WordFields {

  /** A field between its begin and end marks. */
  private static final class Field {
    final StringBuilder code = new StringBuilder();
    boolean inResult;
  }

  private final Deque<Field> open = new ArrayDeque<>();

  /** {@code w:fldChar w:fldCharType="begin"}. */
  void begin() {
    open.push(new Field());
  }

  /** {@code w:fldChar w:fldCharType="separate"}: the code is complete, the result follows. */
  void separate() {
    Field field = open.peek();
    if (field != null && !field.inResult) {
      field.inResult = true;
      check(field.code.toString());
    }
  }

  /** {@code w:fldChar w:fldCharType="end"}; a field may have no result. */
  void end() {
    separate();
    open.poll();
  }

  /** The text of a {@code w:instrText}. */
  void instruction(String text) {
    if (open.isEmpty()) {
      check(text); // no begin mark: judge the fragment alone
    } else {
      open.peek().code.append(text);
    }
  }

  /** The text of a {@code w:t}: in a nested field's result, it is code of the field around. */
  void text(String text) {
    Iterator<Field> outward = open.iterator();
    if (!outward.hasNext() || !outward.next().inResult) {
      return;
    }
    while (outward.hasNext()) {
      Field enclosing = outward.next();
      if (!enclosing.inResult) {
        enclosing.code.append(text);
        return;
      }
    }
  }

  /** Refuses a field code ({@code w:fldSimple w:instr} or a completed complex field). */
  static void check(String code) {
    List<String> arguments = arguments(code);
    if (arguments.isEmpty()) {
      return;
    }
    switch (arguments.get(0).toUpperCase(Locale.ROOT)) {
      case "INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT" -> requireSafeArguments(arguments, 1);
      case "LINK" -> requireSafeArguments(arguments, 2); // LINK Excel.Sheet.8 "C:\\data.xls" "Sheet1!R1C1"
      case "DDE", "DDEAUTO" -> throw UnsafeLinks.ddeRefusal(argument(arguments, 1), argument(arguments, 2), argument(arguments, 3));
      default -> { }
    }
  }

  /** The target comes first, but Word reads switches anywhere: their words are checked too, harmlessly. */
  private static void requireSafeArguments(List<String> arguments, int from) {
    for (int i = from; i < arguments.size(); i++) {
      UnsafeLinks.requireSafe(arguments.get(i));
    }
  }

  private static String argument(List<String> arguments, int index) {
    return index < arguments.size() ? arguments.get(index) : "";
  }

  /** The field name and its arguments, quotes removed, switches ({@code \d}, {@code \* MERGEFORMAT}) left out. */
  private static List<String> arguments(String code) {
    List<String> arguments = new ArrayList<>();
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int close = code.indexOf('"', i + 1);
        int end = close < 0 ? n : close;
        arguments.add(code.substring(i + 1, end).replace("\\\\", "\\"));
        i = end + 1;
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(code.charAt(i)) && code.charAt(i) != '"') {
          i++;
        }
        if (c != '\\') {
          arguments.add(code.substring(start, i));
        }
      }
    }
    return arguments;
  }
}
