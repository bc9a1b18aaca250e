package io.chat.adapter.wire;

import io.chat.application.port.in.BlockedPage;
import io.chat.application.port.in.ChangesPage;
import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.GroupView;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.MemberPage;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.in.SearchPage;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.call.CallEntry;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportState;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.Pin;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol's JSON shapes, built from the use cases' views (field order as documented): REST
 * answers with them, and realtime events carry the same messages.
 */
public final class Wire {
  private Wire() {}

  /**
   * A message as its reader sees it: {@code seen} and {@code delivered} from their point of view
   * (for their own message: the other side read it, or one of its devices received it; in a group:
   * at least one other member), then its lifecycle.
   */
  public static Map<String, Object> message(MessageView m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", m.id().value());
    out.put("chatId", m.chatId().value());
    out.put("sender", m.sender().value());
    out.put("text", m.text());
    out.put("timestamp", Json.instant(m.timestamp()));
    out.put("seq", m.seq());
    out.put("seen", m.seen());
    out.put("delivered", m.delivered());
    m.clientMessageId().ifPresent(id -> out.put("clientMessageId", id.value()));
    if (m.system().isPresent() && m.system().get().call().isPresent()) {
      out.put("kind", "call");
      out.put("call", callEntry(m.system().get().call().get()));
    } else if (m.system().isPresent()) {
      out.put("kind", "system");
      out.put("event", systemEvent(m.system().get()));
    }
    if (!m.mentions().isEmpty()) {
      out.put("mentions", m.mentions().stream().map(UserId::value).toList());
    }
    lifecycle(m.lifecycle(), out);
    return out;
  }

  /**
   * What happened to a message since it was sent, after its other fields: {@code change} and {@code
   * reactions} always (0 and {@code []} for a message never revised), the rest only when true or
   * present. A tombstone ({@code deleted}) or a message deleted for the reader ({@code hidden}) has
   * no text, and shows no edit, quote, reaction or pin either.
   */
  private static void lifecycle(MessageView.Lifecycle l, Map<String, Object> out) {
    boolean gone = l.deleted() || l.hidden();
    out.put("change", l.change());
    if (!gone && l.editedAt().isPresent()) {
      out.put("edited", true);
      out.put("editedAt", Json.instant(l.editedAt().get()));
    }
    if (l.deleted()) {
      out.put("deleted", true);
    }
    if (l.hidden()) {
      out.put("hidden", true);
    }
    if (!gone) {
      l.replyTo().ifPresent(q -> out.put("replyTo", replyPreview(q)));
    }
    if (l.forwarded()) {
      out.put("forwarded", true);
    }
    out.put("reactions", gone ? List.of() : l.reactions().stream().map(Wire::reaction).toList());
    if (!gone) {
      l.pin().ifPresent(p -> out.put("pinned", pin(p)));
    }
  }

  /** The quoted message of an answer: its first characters, or none once it is deleted. */
  public static Map<String, Object> replyPreview(ReplyPreview q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", q.id().value());
    out.put("seq", q.seq());
    out.put("sender", q.sender().value());
    out.put("text", q.deleted() ? "" : q.text());
    out.put("deleted", q.deleted());
    return out;
  }

  private static Map<String, Object> reaction(ReactionView r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("emoji", r.emoji());
    out.put("count", r.count());
    out.put("mine", r.mine());
    return out;
  }

  private static Map<String, Object> pin(Pin p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by", p.by().value());
    out.put("at", Json.instant(p.at()));
    return out;
  }

  /**
   * The data of a {@code message:<change>} event: the chat, the message as it is now, who changed
   * it, and for a reaction which one was added ({@code on}) or taken back.
   */
  public static Map<String, Object> messageChanged(ChatEvent.MessageChanged e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("chatId", e.chatId().value());
    out.put("message", message(e.message()));
    out.put("by", e.by().value());
    e.reaction().ifPresent(r -> out.put("reaction", fields("emoji", r.emoji(), "on", r.on())));
    return out;
  }

  /**
   * The data of a {@code delivered} event: one of {@code from}'s devices received the chat up to
   * {@code seq}.
   */
  public static Map<String, Object> delivered(ChatEvent.Delivered e) {
    return fields("from", e.from().value(), "chatId", e.chatId().value(), "seq", e.seq());
  }

  /** The data of a {@code chat:archived} event, for the user's own devices. */
  public static Map<String, Object> chatArchived(ChatEvent.ChatArchived e) {
    return fields("chatId", e.chatId().value(), "archived", e.archived());
  }

  /** Revised messages after a change number, up to which the page reaches, and whether more. */
  public static Map<String, Object> changes(ChangesPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messages", messages(page.messages()));
    out.put("upTo", page.upTo());
    out.put("hasMore", page.hasMore());
    return out;
  }

  /**
   * The log of a call: its id, type, outcome, duration (0 unless completed), who called and who was
   * called.
   */
  public static Map<String, Object> callEntry(CallEntry c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("callId", c.callId().value());
    out.put("callType", c.callType().wire());
    out.put("outcome", c.outcome().wire());
    out.put("durationSeconds", c.durationSeconds());
    out.put("caller", c.caller().value());
    out.put("callee", c.callee().value());
    return out;
  }

  /** A system entry's story: type, actor, subjects, and the role, name or fields it concerns. */
  public static Map<String, Object> systemEvent(SystemEvent e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", e.type().wire());
    out.put("actorId", e.actor().value());
    out.put("subjectIds", e.subjects().stream().map(UserId::value).toList());
    e.role().ifPresent(r -> out.put("role", r.wire()));
    e.name().ifPresent(n -> out.put("name", n));
    if (!e.changed().isEmpty()) {
      out.put("changed", e.changed());
    }
    return out;
  }

  /** A group's profile and settings, as group views and {@code chat:updated} carry them. */
  public static Map<String, Object> group(Group g) {
    return group(g.profile(), g.onlyAdminsSend(), g.memberCount());
  }

  /** A group as one user sees it: {@link #group(Group)} and their role ({@code null} once left). */
  public static Map<String, Object> groupView(GroupView g) {
    Map<String, Object> out = group(g.profile(), g.onlyAdminsSend(), g.memberCount());
    out.put("myRole", g.myRole().map(GroupRole::wire).orElse(null));
    return out;
  }

  private static Map<String, Object> group(
      GroupProfile profile, boolean onlyAdminsSend, int memberCount) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", profile.name());
    out.put("description", profile.description().orElse(null));
    out.put("avatarUrl", profile.avatarUrl().orElse(null));
    out.put("onlyAdminsSend", onlyAdminsSend);
    out.put("memberCount", memberCount);
    return out;
  }

  public static Map<String, Object> memberPage(MemberPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "members",
        page.members().stream()
            .map(
                m -> {
                  Map<String, Object> member = participant(m.user());
                  member.put("role", m.role().wire());
                  member.put("joinedAt", Json.instant(m.joinedAt()));
                  return member;
                })
            .toList());
    out.put("nextCursor", page.nextCursor().orElse(null));
    return out;
  }

  public static List<Map<String, Object>> messages(List<MessageView> messages) {
    return messages.stream().map(Wire::message).toList();
  }

  public static Map<String, Object> participant(UserProfile p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", p.id().value());
    out.put("fullName", p.fullName());
    out.put("profilePic", p.profilePic().orElse(null));
    out.put("isVerified", p.verified());
    return out;
  }

  /**
   * A chat as one participant sees it; {@code archived} (they archived it and nothing newer came,
   * or it is muted) and {@code lastChange} (its latest change number) come last.
   */
  public static Map<String, Object> chat(ChatView c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", c.id().value());
    out.put("type", c.type().wire());
    out.put("participants", c.participants().stream().map(Wire::participant).toList());
    Optional<Map<String, Object>> last = c.lastMessage().map(Wire::message);
    out.put("lastMessage", last.orElse(null));
    out.put("messages", last.map(List::of).orElse(List.of()));
    out.put("unreadCount", c.unreadCount());
    out.put("muted", c.muted());
    out.put("mutedUntil", c.mutedUntil().map(Json::instant).orElse(null));
    Optional<SupportState> support = c.support();
    out.put("status", support.map(s -> s.status().wire()).orElse(null));
    out.put(
        "relatedEntity",
        support.flatMap(SupportState::relatedEntity).map(Wire::entity).orElse(null));
    out.put(
        "assignedAdminId",
        support.flatMap(SupportState::assignedAdminId).map(id -> id.value()).orElse(null));
    c.group().ifPresent(g -> out.put("group", groupView(g)));
    out.put("createdAt", Json.instant(c.createdAt()));
    out.put("updatedAt", Json.instant(c.updatedAt()));
    out.put("archived", c.archived());
    out.put("lastChange", c.lastChange());
    return out;
  }

  public static Map<String, Object> entity(RelatedEntity e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", e.type());
    out.put("refId", e.refId().orElse(null));
    return out;
  }

  public static Map<String, Object> chatPage(ChatPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("chats", page.chats().stream().map(Wire::chat).toList());
    out.put("nextCursor", page.nextCursor().orElse(null));
    return out;
  }

  public static Map<String, Object> history(HistoryPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messages", messages(page.messages()));
    out.put("hasMore", page.hasMore());
    out.put("lastChange", page.lastChange());
    return out;
  }

  /** Search results, newest first, each message in its own chat, and the next page's cursor. */
  public static Map<String, Object> searchPage(SearchPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messages", messages(page.messages()));
    out.put("nextCursor", page.nextCursor().orElse(null));
    return out;
  }

  public static Map<String, Object> blocked(BlockedPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("users", page.users().stream().map(Wire::participant).toList());
    out.put("nextCursor", page.nextCursor().orElse(null));
    return out;
  }

  public static Map<String, Object> mute(MuteStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("muted", status.muted());
    out.put("mutedUntil", status.mutedUntil().map(Json::instant).orElse(null));
    return out;
  }

  public static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
