package io.chat.adapter.http;

import static io.chat.adapter.wire.Wire.fields;

import io.chat.adapter.http.Route.Access;
import io.chat.adapter.http.Route.Reply;
import io.chat.adapter.wire.Wire;
import io.chat.application.port.in.SendMessage;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The protocol's REST routes: each parses its request, calls one use case, and shapes the answer.
 */
final class ChatRoutes {
  static final String CHAT = "/api/v1/chat";
  static final String USERS = "/api/v1/users";
  static final String SUPPORT = "/api/v1/admin/support";

  private ChatRoutes() {}

  static void define(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    chats(t, u, metrics);
    users(t, u);
    support(t, u);
  }

  private static void chats(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    t.get(CHAT)
        .summary("chats", "My chats, most recent activity first")
        .paged()
        .returns(200, "ChatList")
        .does(
            c ->
                u.listChats()
                    .listChats(c.me(), c.page())
                    .thenApply(page -> Reply.ok("Chats fetched", Wire.chatPage(page))));

    t.get(CHAT + "/{otherUserId}")
        .summary("chats", "Get or create my chat with another user")
        .returns(200, "OpenedChat")
        .does(
            c ->
                u.openChat()
                    .openChat(c.me(), c.userParam("otherUserId"))
                    .thenApply(
                        opened ->
                            Reply.ok(
                                "Chat fetched",
                                fields(
                                    "chat",
                                    Wire.chat(opened.chat()),
                                    "otherUserOnline",
                                    opened.otherUserOnline()))));

    t.get(CHAT + "/{otherUserId}/messages")
        .summary("messages", "A page of history, oldest first")
        .history()
        .returns(200, "History")
        .does(
            c ->
                u.readHistory()
                    .readHistory(c.me(), c.userParam("otherUserId"), c.range())
                    .thenApply(page -> Reply.ok("Messages fetched", Wire.history(page))));

    t.post(CHAT + "/{otherUserId}/messages")
        .summary(
            "messages",
            "Send a message (201 when stored; 200 with the stored message for a repeated"
                + " clientMessageId)")
        .body("SendMessageRequest", true)
        .returns(201, "MessageResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("text", "clientMessageId"));
              SendMessage command =
                  new SendMessage(
                      c.me(),
                      c.userParam("otherUserId"),
                      body.requiredText("text"),
                      body.text("clientMessageId").map(ClientMessageId::of));
              return u.sendMessage()
                  .send(command)
                  .thenApply(
                      sent -> {
                        if (sent.created()) {
                          metrics.messageSent();
                        }
                        return new Reply(
                            sent.created() ? 201 : 200,
                            sent.created() ? "Message sent" : "Message already sent",
                            fields("message", Wire.message(sent.message())));
                      });
            });

    t.delete(CHAT + "/{otherUserId}/messages")
        .summary("messages", "Clear the history for me only")
        .returns(200, "Cleared")
        .does(
            c ->
                u.clearHistory()
                    .clearHistory(c.me(), c.userParam("otherUserId"))
                    .thenApply(
                        cleared ->
                            Reply.ok(
                                "History cleared",
                                fields(
                                    "chatId",
                                    cleared.chatId().value(),
                                    "clearedUpTo",
                                    cleared.clearedUpTo()))));

    t.post(CHAT + "/{otherUserId}/mark-all-seen")
        .summary("messages", "Move my read mark to the chat's last message")
        .returns(200, "SeenUpTo")
        .does(
            c ->
                u.markAllSeen()
                    .markAllSeen(c.me(), c.userParam("otherUserId"))
                    .thenApply(
                        mark ->
                            Reply.ok(
                                "Messages marked as seen",
                                fields(
                                    "chatId",
                                    mark.chatId().value(),
                                    "seenUpTo",
                                    mark.seenUpTo()))));

    t.post(CHAT + "/{otherUserId}/messages/{messageId}/seen")
        .summary("messages", "Move my read mark up to one message (never backwards)")
        .returns(200, "SeenUpTo")
        .does(
            c ->
                u.markSeen()
                    .markSeen(c.me(), c.userParam("otherUserId"), c.messageParam("messageId"))
                    .thenApply(
                        mark ->
                            Reply.ok(
                                "Message marked as seen",
                                fields(
                                    "chatId",
                                    mark.chatId().value(),
                                    "seenUpTo",
                                    mark.seenUpTo()))));

    t.post(CHAT + "/{otherUserId}/mute")
        .summary("mute", "Toggle the mute, or mute until an instant")
        .body("MuteRequest", false)
        .returns(200, "MuteStatus")
        .does(
            c -> {
              Optional<Instant> until =
                  c.body(Set.of("until")).text("until").map(ChatRoutes::instant);
              return u.toggleMute()
                  .toggleMute(c.me(), c.userParam("otherUserId"), until)
                  .thenApply(
                      status ->
                          Reply.ok(
                              status.muted() ? "Chat muted" : "Chat unmuted", Wire.mute(status)));
            });

    t.get(CHAT + "/{otherUserId}/mute-status")
        .summary("mute", "Whether the chat is muted now")
        .returns(200, "MuteStatus")
        .does(
            c ->
                u.muteStatus()
                    .muteStatus(c.me(), c.userParam("otherUserId"))
                    .thenApply(status -> Reply.ok("Mute status fetched", Wire.mute(status))));
  }

  private static void users(RouteTable t, ChatUseCases u) {
    t.post(USERS + "/{userId}/block")
        .summary("blocks", "Block a user (idempotent)")
        .returns(200, "BlockResult")
        .does(
            c -> {
              UserId other = c.userParam("userId");
              return u.blockUser()
                  .block(c.me(), other)
                  .thenApply(
                      done ->
                          Reply.ok(
                              "User blocked", fields("userId", other.value(), "blocked", true)));
            });

    t.delete(USERS + "/{userId}/block")
        .summary("blocks", "Unblock a user (idempotent)")
        .returns(200, "BlockResult")
        .does(
            c -> {
              UserId other = c.userParam("userId");
              return u.unblockUser()
                  .unblock(c.me(), other)
                  .thenApply(
                      done ->
                          Reply.ok(
                              "User unblocked", fields("userId", other.value(), "blocked", false)));
            });

    t.get(USERS + "/me/blocked")
        .summary("blocks", "The users I block")
        .paged()
        .returns(200, "BlockedList")
        .does(
            c ->
                u.listBlocked()
                    .listBlocked(c.me(), c.page())
                    .thenApply(page -> Reply.ok("Blocked users fetched", Wire.blocked(page))));

    t.put(USERS + "/me/push-token")
        .summary("push", "Register this device for push notifications")
        .body("PushTokenRequest", true)
        .returns(200, "PushTokenResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("token", "platform"));
              PushToken token = new PushToken(body.requiredText("token"), body.text("platform"));
              return u.registerPushToken()
                  .registerPushToken(c.me(), token)
                  .thenApply(
                      done ->
                          Reply.ok(
                              "Push token registered",
                              fields(
                                  "token",
                                  token.token(),
                                  "platform",
                                  token.platform().orElse(null))));
            });

    t.delete(USERS + "/me/push-token")
        .summary(
            "push", "Remove one push token (body or ?token=), or all of mine when none is named")
        .query("token", "string", "the token to remove")
        .body("PushTokenRemoveRequest", false)
        .returns(200, "PushTokenRemoved")
        .does(
            c -> {
              Optional<String> token = c.body(Set.of("token")).text("token");
              Optional<String> named = token.isPresent() ? token : c.query("token");
              return u.removePushToken()
                  .removePushToken(c.me(), named)
                  .thenApply(
                      done ->
                          Reply.ok(
                              "Push token removed",
                              fields("removed", named.isPresent() ? 1 : "all")));
            });

    t.put("/api/v1/admin/users/{userId}")
        .access(Access.STAFF)
        .summary("admin", "Register or update a user's profile (staff only)")
        .body("RegisterUserRequest", true)
        .returns(200, "UserResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("fullName", "profilePic", "isVerified"));
              UserProfile profile =
                  new UserProfile(
                      c.userParam("userId"),
                      body.requiredText("fullName"),
                      body.text("profilePic"),
                      body.bool("isVerified").orElse(false));
              return u.registerUser()
                  .registerUser(c.actor(), profile)
                  .thenApply(
                      saved -> Reply.ok("User saved", fields("user", Wire.participant(saved))));
            });
  }

  private static void support(RouteTable t, ChatUseCases u) {
    t.get(SUPPORT + "/chats")
        .access(Access.STAFF)
        .summary("admin", "Support chats, latest activity first (staff only)")
        .query("status", "string", "open | waiting_user | resolved")
        .paged()
        .returns(200, "ChatList")
        .does(
            c ->
                u.listSupportChats()
                    .listSupportChats(
                        c.actor(), c.query("status").map(SupportStatus::fromWire), c.page())
                    .thenApply(page -> Reply.ok("Support chats fetched", Wire.chatPage(page))));

    t.get(SUPPORT + "/chats/{chatId}")
        .access(Access.STAFF)
        .summary("admin", "One support chat with a page of its messages (staff only)")
        .history()
        .returns(200, "SupportChatDetail")
        .does(
            c ->
                u.readSupportChat()
                    .readSupportChat(c.actor(), c.chatParam("chatId"), c.range())
                    .thenApply(
                        detail ->
                            Reply.ok(
                                "Support chat fetched",
                                fields(
                                    "chat",
                                    Wire.chat(detail.chat()),
                                    "messages",
                                    Wire.messages(detail.history().messages()),
                                    "hasMore",
                                    detail.history().hasMore()))));

    t.post(SUPPORT + "/chats")
        .access(Access.STAFF)
        .summary("admin", "Get or create a user's support chat (staff only)")
        .body("OpenSupportChatRequest", true)
        .returns(200, "ChatResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("userId", "relatedEntity", "initialMessage"));
              UserId user = UserId.of(body.requiredText("userId"));
              Optional<RelatedEntity> entity =
                  body.object("relatedEntity", Set.of("type", "refId"))
                      .map(e -> new RelatedEntity(e.requiredText("type"), e.text("refId")));
              return u.openSupportChat()
                  .openSupportChat(c.actor(), user, entity, body.text("initialMessage"))
                  .thenApply(
                      chat -> Reply.ok("Support chat opened", fields("chat", Wire.chat(chat))));
            });

    t.post(SUPPORT + "/chats/{chatId}/messages")
        .access(Access.STAFF)
        .summary("admin", "Answer a support chat as the system user (staff only)")
        .body("ReplyRequest", true)
        .returns(201, "MessageResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("text", "clientMessageId"));
              return u.replyToSupportChat()
                  .reply(
                      c.actor(),
                      c.chatParam("chatId"),
                      body.requiredText("text"),
                      body.text("clientMessageId").map(ClientMessageId::of))
                  .thenApply(
                      sent ->
                          new Reply(
                              sent.created() ? 201 : 200,
                              sent.created() ? "Message sent" : "Message already sent",
                              fields("message", Wire.message(sent.message()))));
            });

    t.patch(SUPPORT + "/chats/{chatId}")
        .access(Access.STAFF)
        .summary("admin", "Set a support chat's status or assignee (staff only)")
        .body("UpdateSupportChatRequest", true)
        .returns(200, "ChatResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("status", "assignedAdminId"));
              SupportChange change = SupportChange.none();
              Optional<String> status = body.text("status");
              if (status.isPresent()) {
                change = change.withStatus(SupportStatus.fromWire(status.get()));
              }
              if (body.has("assignedAdminId")) {
                change = change.withAssignee(body.text("assignedAdminId").map(UserId::of));
              }
              if (change.isEmpty()) {
                throw new InvalidArgumentException("Give status or assignedAdminId");
              }
              return u.updateSupportChat()
                  .updateSupportChat(c.actor(), c.chatParam("chatId"), change)
                  .thenApply(
                      chat -> Reply.ok("Support chat updated", fields("chat", Wire.chat(chat))));
            });

    t.post(SUPPORT + "/chats/{chatId}/mark-read")
        .access(Access.STAFF)
        .summary("admin", "Mark a support chat read for the desk (staff only)")
        .returns(200, "SeenUpTo")
        .does(
            c ->
                u.markSupportChatRead()
                    .markSupportChatRead(c.actor(), c.chatParam("chatId"))
                    .thenApply(
                        mark ->
                            Reply.ok(
                                "Support chat marked as read",
                                fields(
                                    "chatId",
                                    mark.chatId().value(),
                                    "seenUpTo",
                                    mark.seenUpTo()))));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException("until must be an ISO-8601 instant");
    }
  }
}
