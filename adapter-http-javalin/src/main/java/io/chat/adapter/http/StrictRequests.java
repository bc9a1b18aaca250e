package io.chat.adapter.http;

import io.chat.adapter.wire.Json;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.domain.shared.InvalidArgumentException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses API requests that could be read two ways, before any route sees them: a path or query
 * with a broken percent-escape or bytes that are not UTF-8 (Javalin would throw on the first and
 * drop the second silently), a query parameter given twice, two {@code Authorization} headers.
 */
final class StrictRequests {
  private StrictRequests() {}

  /** A before-handler: throws the refusal, which the API's exception handler answers. */
  static void check(Context ctx) {
    decode(ctx.req().getRequestURI(), false, "The path");
    String query = ctx.req().getQueryString();
    if (query != null && !query.isEmpty()) {
      Set<String> names = new HashSet<>();
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), true, "The query");
        if (eq >= 0) {
          decode(pair.substring(eq + 1), true, "The query");
        }
        if (!names.add(name)) {
          throw new InvalidArgumentException(
              "The query parameter '" + Json.printable(name) + "' is given more than once");
        }
      }
    }
    if (Collections.list(ctx.req().getHeaders(Header.AUTHORIZATION)).size() > 1) {
      throw new InvalidTokenException("More than one Authorization header");
    }
  }

  /**
   * {@code raw} percent-decoded as UTF-8 ({@code +} a space where {@code plusIsSpace}); a stray
   * {@code %} or bytes that are not UTF-8 are refused, naming {@code where}.
   */
  static String decode(String raw, boolean plusIsSpace, String where) {
    if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (low < 0) {
          throw new InvalidArgumentException(where + " has an invalid percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException(where + " is not valid UTF-8 once decoded");
    }
  }
}
