package io.chat.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads named settings from command-line flags ({@code --port 9000} or {@code --port=9000}) over
 * environment variables ({@code CHAT_PORT}), collecting every problem so that start-up can say all
 * of them at once.
 */
final class Settings {
  private final Map<String, String> flags;
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> described = new LinkedHashMap<>();

  private Settings(Map<String, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /** Settings from {@code args} and the environment; unknown or malformed flags are problems. */
  static Settings of(List<String> args, Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        problems.add("unexpected argument '" + arg + "' (settings are --name value)");
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        flags.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        flags.put(arg.substring(2), args.get(++i));
      } else {
        flags.put(arg.substring(2), "true");
      }
    }
    Settings settings = new Settings(flags, env);
    settings.problems.addAll(problems);
    return settings;
  }

  /**
   * The environment variable that stands for a flag: {@code mongo-uri} is {@code CHAT_MONGO_URI}.
   */
  static String envName(String flag) {
    return "CHAT_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  Optional<String> text(String flag) {
    described.put(flag, envName(flag));
    String value = flags.containsKey(flag) ? flags.get(flag) : env.get(envName(flag));
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  String text(String flag, String fallback) {
    return text(flag).orElse(fallback);
  }

  int integer(String flag, int fallback, int min, int max) {
    return parse(
        flag, fallback, Integer::parseInt, v -> v >= min && v <= max, () -> min + " to " + max);
  }

  double decimal(String flag, double fallback, double min, double max) {
    return parse(
        flag, fallback, Double::parseDouble, v -> v >= min && v <= max, () -> min + " to " + max);
  }

  boolean bool(String flag, boolean fallback) {
    return parse(
        flag,
        fallback,
        v -> {
          if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
          }
          if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
          }
          throw new IllegalArgumentException();
        },
        v -> true,
        () -> "true or false");
  }

  Duration duration(String flag, Duration fallback) {
    return parse(
        flag,
        fallback,
        v ->
            v.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : v.endsWith("s")
                    ? Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)))
                    : Duration.parse(v),
        v -> !v.isNegative(),
        () -> "a duration such as 500ms, 30s or PT1M");
  }

  Path path(String flag, String fallback) {
    return Path.of(text(flag, fallback));
  }

  List<String> list(String flag) {
    return text(flag).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** Records a problem found while checking settings together. */
  void problem(String message) {
    problems.add(message);
  }

  /** Every problem found so far, including flags nobody asked for (typos). */
  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    for (String flag : flags.keySet()) {
      if (!described.containsKey(flag)) {
        all.add("unknown setting --" + flag);
      }
    }
    return all;
  }

  private <T> T parse(
      String flag,
      T fallback,
      Function<String, T> parser,
      java.util.function.Predicate<T> valid,
      Supplier<String> expected) {
    Optional<String> raw = text(flag);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      T value = parser.apply(raw.get());
      if (valid.test(value)) {
        return value;
      }
    } catch (RuntimeException e) {
      // reported below with the setting's name and what it expects
    }
    problems.add(
        "--"
            + flag
            + " / "
            + envName(flag)
            + " must be "
            + expected.get()
            + ", not '"
            + raw.get()
            + "'");
    return fallback;
  }
}
