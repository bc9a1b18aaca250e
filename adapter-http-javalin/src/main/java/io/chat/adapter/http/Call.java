package io.chat.adapter.http;

import io.chat.adapter.wire.Json;
import io.chat.application.port.in.Actor;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.PageRequest;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One request as a route sees it: who calls, its path and query parameters, and its body. */
final class Call {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");

  private final Context ctx;
  private final Actor actor;
  private final byte[] body;

  Call(Context ctx, Actor actor, byte[] body) {
    this.ctx = ctx;
    this.actor = actor;
    this.body = body;
  }

  Actor actor() {
    return actor;
  }

  UserId me() {
    return actor.id();
  }

  UserId userParam(String name) {
    return UserId.of(ctx.pathParam(name));
  }

  ChatId chatParam(String name) {
    return ChatId.of(ctx.pathParam(name));
  }

  MessageId messageParam(String name) {
    return MessageId.of(ctx.pathParam(name));
  }

  /** A path parameter as text (percent-decoded), which must be valid Unicode. */
  String textParam(String name) {
    return Body.validUnicode(name, ctx.pathParam(name));
  }

  Optional<String> query(String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty()
        ? Optional.empty()
        : Optional.of(Body.validUnicode(name, value));
  }

  Optional<Long> number(String name) {
    return query(name)
        .map(
            text -> {
              if (!NUMBER.matcher(text).matches()) {
                throw new InvalidArgumentException(name + " must be an integer");
              }
              return Long.parseLong(text);
            });
  }

  /** A query flag: {@code true} or {@code false}, nothing else. */
  Optional<Boolean> flag(String name) {
    return query(name)
        .map(
            text ->
                switch (text) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw new InvalidArgumentException(name + " must be true or false");
                });
  }

  int limit(int defaultLimit, int max) {
    long limit = number("limit").orElse((long) defaultLimit);
    if (limit < 1 || limit > max) {
      throw new InvalidArgumentException("limit must be 1 to " + max);
    }
    return (int) limit;
  }

  PageRequest page() {
    return new PageRequest(
        query("cursor"), limit(PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT));
  }

  HistoryRange range() {
    return new HistoryRange(
        number("before"),
        number("after"),
        limit(HistoryRange.DEFAULT_LIMIT, HistoryRange.MAX_LIMIT));
  }

  /** The JSON body, refusing fields other than {@code allowed}; an empty body is {@code {}}. */
  Body body(Set<String> allowed) {
    return Body.of(Json.object(body), allowed);
  }

  /** The JSON body, which must be there. */
  Body requiredBody(Set<String> allowed) {
    if (body.length == 0) {
      throw new InvalidArgumentException("A JSON body is required");
    }
    return body(allowed);
  }
}
