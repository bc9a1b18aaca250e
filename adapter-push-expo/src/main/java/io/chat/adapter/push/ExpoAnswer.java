package io.chat.adapter.push;

import io.chat.domain.shared.Failures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an answer from Expo calls for, the same for sends and receipt requests: try again (a
 * transport error, 429 or 5xx, with the server's Retry-After), stop (anything else that went
 * wrong), or use the body.
 */
sealed interface ExpoAnswer<T> {
  record Retry<T>(Optional<Duration> after, String why) implements ExpoAnswer<T> {}

  record Stop<T>(String why) implements ExpoAnswer<T> {}

  record Use<T>(T body) implements ExpoAnswer<T> {}

  /** Reads a body; throws on one that is not what the endpoint answers. */
  interface Parser<T> {
    T parse(byte[] body) throws IOException;
  }

  /**
   * Classifies the outcome of a request: {@code failure} when it got no answer, else {@code
   * answer}, whose body {@code parser} reads ({@code empty} for no body, or an error page from a
   * proxy on a non-2xx answer) and whose request-level errors {@code errors} names.
   */
  static <T> ExpoAnswer<T> of(
      HttpResponse<byte[]> answer,
      Throwable failure,
      Parser<T> parser,
      T empty,
      Function<T, List<String>> errors) {
    if (failure != null) {
      Throwable cause = Failures.unwrapped(failure);
      String why = cause.getClass().getSimpleName();
      return cause instanceof IOException ? new Retry<>(Optional.empty(), why) : new Stop<>(why);
    }
    int status = answer.statusCode();
    if (status == 429 || status >= 500) {
      return new Retry<>(
          Backoff.parseRetryAfter(answer.headers().firstValue("Retry-After"), Instant.now()),
          "HTTP " + status);
    }
    T body;
    try {
      body = read(answer, parser, empty);
    } catch (IOException | RuntimeException unreadable) {
      return new Stop<>("answer unreadable (" + unreadable.getClass().getSimpleName() + ")");
    }
    if (status / 100 != 2) {
      return new Stop<>("HTTP " + status + " " + errors.apply(body));
    }
    return new Use<>(body);
  }

  private static <T> T read(HttpResponse<byte[]> answer, Parser<T> parser, T empty)
      throws IOException {
    byte[] body = ExpoWire.decode(answer.body(), answer.headers().firstValue("Content-Encoding"));
    if (body.length == 0) {
      return empty;
    }
    try {
      return parser.parse(body);
    } catch (IOException notJson) {
      if (answer.statusCode() / 100 == 2) {
        throw notJson;
      }
      // An error page from a proxy: the status says enough.
      return empty;
    }
  }
}
