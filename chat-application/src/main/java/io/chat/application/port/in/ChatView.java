package io.chat.application.port.in;

import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.SupportState;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A chat as one participant (or the support desk) sees it in a list or when opening it; a group
 * lists no participants (its members are a page of their own) and has its {@link GroupView}. {@code
 * archived}: the viewer archived it and no newer message came since (or it is muted); {@code
 * lastChange}: the chat's latest change number (see {@link MessageLifecycleUseCase#changes}).
 */
public record ChatView(
    ChatId id,
    ChatType type,
    List<UserProfile> participants,
    Optional<MessageView> lastMessage,
    long unreadCount,
    boolean muted,
    Optional<Instant> mutedUntil,
    Optional<SupportState> support,
    Optional<GroupView> group,
    Instant createdAt,
    Instant updatedAt,
    boolean archived,
    long lastChange) {

  public ChatView {
    participants = List.copyOf(participants);
  }
}
