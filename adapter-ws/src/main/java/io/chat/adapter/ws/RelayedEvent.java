package io.chat.adapter.ws;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;

/**
 * An event on the bus between nodes: whom it is for (users, or staff) and what goes out to them,
 * serialized once by the node that published it, so that each node only splits the text and queues
 * it. The text is lines: {@code s} (staff) or {@code u} and the users' ids joined by commas, then
 * the event's name and payload, then for a message event the list entry's name and payload and the
 * merged payload (empty where the two do not merge). No user id ({@code [A-Za-z0-9_-]}) holds a
 * comma or a line break, and no JSON as this adapter writes it a line break (strings escape them).
 */
record RelayedEvent(boolean staff, List<UserId> users, Outgoing outgoing) {
  private static final char NL = '\n';

  RelayedEvent {
    users = List.copyOf(users);
  }

  String name() {
    return outgoing.name();
  }

  /** The text of an event for {@code users} (staff when null). */
  static String encode(List<UserId> users, Outgoing outgoing) {
    StringBuilder text = new StringBuilder(256);
    if (users == null) {
      text.append('s');
    } else {
      text.append('u');
      for (int i = 0; i < users.size(); i++) {
        text.append(i == 0 ? "" : ",").append(users.get(i).value());
      }
    }
    text.append(NL).append(outgoing.name()).append(NL).append(outgoing.payload().get());
    if (outgoing.hasListEntry()) {
      String merged = outgoing.merged().get();
      text.append(NL)
          .append(outgoing.listName())
          .append(NL)
          .append(outgoing.listPayload().get())
          .append(NL)
          .append(merged == null ? "" : merged);
    }
    return text.toString();
  }

  /** Reads what {@link #encode} wrote; anything else is an {@link IllegalArgumentException}. */
  static RelayedEvent decode(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length != 3 && lines.length != 6 || lines[0].isEmpty()) {
      throw new IllegalArgumentException("not a relayed event: " + lines.length + " lines");
    }
    boolean staff = lines[0].equals("s");
    List<UserId> users = new ArrayList<>();
    if (!staff) {
      if (lines[0].charAt(0) != 'u') {
        throw new IllegalArgumentException("not a relayed event's audience");
      }
      try {
        for (String id : lines[0].substring(1).split(",")) {
          users.add(new UserId(id));
        }
      } catch (InvalidArgumentException e) {
        throw new IllegalArgumentException("not a relayed event's audience", e);
      }
    }
    Outgoing outgoing =
        lines.length == 3
            ? Outgoing.built(lines[1], lines[2], null, null, null)
            : Outgoing.built(
                lines[1], lines[2], lines[3], lines[4], lines[5].isEmpty() ? null : lines[5]);
    return new RelayedEvent(staff, users, outgoing);
  }
}
