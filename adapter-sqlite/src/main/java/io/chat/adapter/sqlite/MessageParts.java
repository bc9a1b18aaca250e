package io.chat.adapter.sqlite;

import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.Reaction;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message's small nested parts as one text column each: what is only read back, never filtered or
 * sorted (mentions, reaction counts, a system entry's event). Written by hand, no dependency: a
 * list of texts is each text's length in chars, a colon, then the text itself, so that any text
 * goes without escaping; an empty list is NULL. (The same format as {@code ChatTables}' columns of
 * a chat's last message.)
 */
final class MessageParts {
  private MessageParts() {}

  static String pack(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder packed = new StringBuilder();
    for (String value : values) {
      packed.append(value.length()).append(':').append(value);
    }
    return packed.toString();
  }

  static List<String> unpack(String packed) {
    List<String> values = new ArrayList<>();
    if (packed == null) {
      return values;
    }
    int at = 0;
    while (at < packed.length()) {
      int colon = packed.indexOf(':', at);
      int end = colon + 1 + Integer.parseInt(packed.substring(at, colon));
      values.add(packed.substring(colon + 1, end));
      at = end;
    }
    return values;
  }

  static String users(List<UserId> users) {
    return pack(users.stream().map(UserId::value).toList());
  }

  static List<UserId> users(String packed) {
    return unpack(packed).stream().map(UserId::of).toList();
  }

  /** Counts per emoji, in the order each emoji first came: emoji, count, emoji, count ... */
  static String reactions(List<Reaction> reactions) {
    List<String> values = new ArrayList<>(reactions.size() * 2);
    for (Reaction reaction : reactions) {
      values.add(reaction.emoji());
      values.add(Long.toString(reaction.count()));
    }
    return pack(values);
  }

  static List<Reaction> reactions(String packed) {
    List<String> values = unpack(packed);
    List<Reaction> reactions = new ArrayList<>(values.size() / 2);
    for (int i = 0; i < values.size(); i += 2) {
      reactions.add(new Reaction(values.get(i), Long.parseLong(values.get(i + 1))));
    }
    return reactions;
  }

  /**
   * A system entry's event: type, actor, role ("" for none), name ("" for none, else "=" and the
   * name), then the packed subjects and the packed changed fields ("" for none); a call's log then
   * has its call id, type, outcome and duration in seconds (its caller is the actor, its callee the
   * one subject).
   */
  static String event(SystemEvent event) {
    List<String> values =
        new ArrayList<>(
            List.of(
                event.type().wire(),
                event.actor().value(),
                event.role().map(GroupRole::wire).orElse(""),
                event.name().map(name -> "=" + name).orElse(""),
                nonNull(users(event.subjects())),
                nonNull(pack(event.changed()))));
    event
        .call()
        .ifPresent(
            call -> {
              values.add(call.callId().value());
              values.add(call.callType().wire());
              values.add(call.outcome().wire());
              values.add(Long.toString(call.durationSeconds()));
            });
    return pack(values);
  }

  static SystemEvent event(String packed) {
    List<String> values = unpack(packed);
    String role = values.get(2);
    String name = values.get(3);
    SystemEvent.Type type = SystemEvent.Type.fromWire(values.get(0));
    UserId actor = UserId.of(values.get(1));
    List<UserId> subjects = users(values.get(4));
    Optional<CallEntry> call =
        type == SystemEvent.Type.CALL
            ? Optional.of(
                new CallEntry(
                    CallId.of(values.get(6)),
                    CallType.fromWire(values.get(7)),
                    CallOutcome.fromWire(values.get(8)),
                    Long.parseLong(values.get(9)),
                    actor,
                    subjects.get(0)))
            : Optional.empty();
    return new SystemEvent(
        type,
        actor,
        subjects,
        role.isEmpty() ? Optional.empty() : Optional.of(GroupRole.fromWire(role)),
        name.isEmpty() ? Optional.empty() : Optional.of(name.substring(1)),
        unpack(values.get(5)),
        call);
  }

  private static String nonNull(String packed) {
    return packed == null ? "" : packed;
  }
}
