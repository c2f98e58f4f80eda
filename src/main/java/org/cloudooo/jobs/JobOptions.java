package org.cloudooo.jobs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;

/**
 * A job's {@code job_options}, checked: callbacks only to {@code webhook_allowed_hosts}, a
 * result kept no longer than {@code job_result_ttl}, macros only with {@code enable_macro_jobs}.
 *
 * @param callbackUrl where the result is posted, null for none
 * @param errorCallbackUrl where a failure is posted, null for none
 * @param resultTtl how long the finished job is kept
 * @param macro a Basic module's source, null for a conversion job
 * @param entryFunction the macro's function to call
 */
record JobOptions(String callbackUrl, String errorCallbackUrl, Duration resultTtl, String macro, String entryFunction) {

  static final String DEFAULT_ENTRY_FUNCTION = "Main";
  private static final Set<String> KEYS = Set.of("callback_url", "error_callback_url", "result_ttl", "macro", "init_function");
  private static final Pattern BASIC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  static JobOptions parse(Map<String, Object> options, JobSettings settings) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw CloudoooException.badInput("job_options key '" + key + "' is not supported; accepted keys: "
            + String.join(", ", new TreeSet<>(KEYS)));
      }
    }
    String macro = text(options, "macro");
    String entry = text(options, "init_function");
    if (macro != null && !settings.macroJobs()) {
      throw new CloudoooException(ErrorKind.REFUSED, "macro jobs are off on this server: they run client code with the"
          + " server's rights; an operator can turn them on with enable_macro_jobs");
    }
    if (entry != null && macro == null) {
      throw CloudoooException.badInput("job_options init_function needs a macro (job_options 'macro': a Basic module's source)");
    }
    if (entry != null && !BASIC_NAME.matcher(entry).matches()) {
      throw CloudoooException.badInput("job_options init_function '" + entry + "' is not a Basic function name");
    }
    return new JobOptions(
        callback(options, "callback_url", settings),
        callback(options, "error_callback_url", settings),
        resultTtl(options.get("result_ttl"), settings.resultTtl()),
        macro,
        macro == null ? null : entry == null ? DEFAULT_ENTRY_FUNCTION : entry);
  }

  private static String text(Map<String, Object> options, String key) {
    Object value = options.get(key);
    if (value == null || value instanceof String) {
      return value == null || ((String) value).isEmpty() ? null : (String) value;
    }
    throw new CloudoooException(ErrorKind.TYPE_ERROR, "job_options '" + key + "' must be a string, not " + value);
  }

  private static Duration resultTtl(Object value, Duration longest) {
    if (value == null) {
      return longest;
    }
    long seconds;
    try {
      seconds = value instanceof Number number && number.doubleValue() == number.longValue()
          ? number.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new CloudoooException(ErrorKind.TYPE_ERROR, "job_options result_ttl must be a whole number of seconds, not " + value);
    }
    if (seconds < 1 || seconds > longest.toSeconds()) {
      throw CloudoooException.badInput("job_options result_ttl must be between 1 and " + longest.toSeconds()
          + " seconds (job_result_ttl), not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** An http(s) URL whose host is one of {@code webhook_allowed_hosts}, so that jobs cannot reach internal addresses. */
  private static String callback(Map<String, Object> options, String key, JobSettings settings) {
    String url = text(options, key);
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw CloudoooException.badInput("job_options " + key + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw CloudoooException.badInput("job_options " + key + " must be an http:// or https:// URL with a host (and no"
          + " user name), not '" + url + "'");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!settings.webhookAllowedHosts().contains(host)) {
      throw new CloudoooException(ErrorKind.REFUSED, "job_options " + key + ": callbacks to '" + host + "' are not allowed;"
          + (settings.webhookAllowedHosts().isEmpty() ? " this server allows none" : " allowed hosts: "
              + String.join(", ", settings.webhookAllowedHosts()))
          + ". An operator can add the host to webhook_allowed_hosts");
    }
    return uri.toString();
  }
}
