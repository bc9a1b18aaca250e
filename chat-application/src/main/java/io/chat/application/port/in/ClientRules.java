package io.chat.application.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits a client must respect: the longest text, how long a sender may edit a message and
 * delete it for everyone, pins per chat, different reactions per message and the reactions allowed
 * (in the configured order; empty: any single emoji), the largest group, how many members one
 * request adds (and mentions one message names), and up to which size a group's members see each
 * other's presence.
 */
public record ClientRules(
    int maxTextLength,
    Duration editWindow,
    Duration deleteWindow,
    int maxPins,
    int maxReactions,
    List<String> allowedReactions,
    int groupMaxMembers,
    int groupMaxAdded,
    int groupPresenceSize) {

  public ClientRules {
    Objects.requireNonNull(editWindow, "editWindow");
    Objects.requireNonNull(deleteWindow, "deleteWindow");
    allowedReactions = List.copyOf(allowedReactions);
  }
}
