package io.chat.adapter.http;

import static io.chat.adapter.wire.Wire.fields;

import io.chat.adapter.http.Route.Access;
import io.chat.adapter.http.Route.Reply;
import io.chat.adapter.wire.Wire;
import io.chat.application.port.in.Cleared;
import io.chat.application.port.in.ClientRules;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.GroupChange;
import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.SeenMark;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.GroupRole;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The protocol's REST routes: each parses its request, calls one use case, and shapes the answer.
 */
final class ChatRoutes {
  static final String CHAT = "/api/v1/chat";
  static final String USERS = "/api/v1/users";
  static final String SUPPORT = "/api/v1/admin/support";
  static final String CHATS = "/api/v1/chats";
  static final String CONFIG = "/api/v1/config";

  /** The most ids one request names (members to add, mentions). */
  static final int MAX_IDS = 1_000;

  private ChatRoutes() {}

  static void define(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    chats(t, u, metrics);
    chatsById(t, u, metrics);
    MessageLifecycleRoutes.define(t, u, metrics);
    groups(t, u);
    users(t, u);
    support(t, u);
    config(t, u);
    CallRoutes.define(t, u);
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
                      body.text("clientMessageId").map(ClientMessageId::fromClient));
              return u.sendMessage().send(command).thenApply(sent -> sent(sent, metrics));
            });

    t.delete(CHAT + "/{otherUserId}/messages")
        .summary("messages", "Clear the history for me only")
        .returns(200, "Cleared")
        .does(
            c ->
                u.clearHistory()
                    .clearHistory(c.me(), c.userParam("otherUserId"))
                    .thenApply(ChatRoutes::cleared));

    t.post(CHAT + "/{otherUserId}/mark-all-seen")
        .summary("messages", "Move my read mark to the chat's last message")
        .returns(200, "SeenUpTo")
        .does(
            c ->
                u.markAllSeen()
                    .markAllSeen(c.me(), c.userParam("otherUserId"))
                    .thenApply(ChatRoutes::seen));

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
            c ->
                u.toggleMute()
                    .toggleMute(c.me(), c.userParam("otherUserId"), until(c))
                    .thenApply(ChatRoutes::muted));

    t.get(CHAT + "/{otherUserId}/mute-status")
        .summary("mute", "Whether the chat is muted now")
        .returns(200, "MuteStatus")
        .does(
            c ->
                u.muteStatus()
                    .muteStatus(c.me(), c.userParam("otherUserId"))
                    .thenApply(status -> Reply.ok("Mute status fetched", Wire.mute(status))));
  }

  /** Every chat by its id, whatever its type. */
  private static void chatsById(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    t.get(CHATS)
        .summary("chats by id", "My chats of every type (or one), most recent activity first")
        .paged()
        .query("type", "string", "user_chat, admin_support or group (default: all)")
        .query("archived", "boolean", "true: the chats I archived; false (default): the others")
        .returns(200, "ChatList")
        .does(
            c ->
                u.chats()
                    .list(
                        c.me(),
                        c.query("type").map(ChatType::fromWire),
                        c.flag("archived").orElse(false),
                        c.page())
                    .thenApply(page -> Reply.ok("Chats fetched", Wire.chatPage(page))));

    t.get(CHATS + "/{chatId}")
        .summary("chats by id", "One of my chats")
        .returns(200, "ChatResult")
        .does(
            c ->
                u.chats()
                    .get(c.me(), c.chatParam("chatId"))
                    .thenApply(chat -> Reply.ok("Chat fetched", fields("chat", Wire.chat(chat)))));

    t.get(CHATS + "/{chatId}/messages")
        .summary(
            "chats by id", "A page of history, oldest first (a group member's from their join)")
        .history()
        .returns(200, "History")
        .does(
            c ->
                u.chats()
                    .history(c.me(), c.chatParam("chatId"), c.range())
                    .thenApply(page -> Reply.ok("Messages fetched", Wire.history(page))));

    t.post(CHATS + "/{chatId}/messages")
        .summary(
            "chats by id",
            "Send a message (201 when stored; 200 with the stored message for a repeated"
                + " clientMessageId); mentions name group members; replyTo a message of the chat")
        .body("SendChatMessageRequest", true)
        .returns(201, "MessageResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("text", "clientMessageId", "mentions", "replyTo"));
              Outgoing message =
                  new Outgoing(
                      body.requiredText("text"),
                      body.text("clientMessageId").map(ClientMessageId::fromClient),
                      body.userIds("mentions", MAX_IDS),
                      body.text("replyTo").map(MessageId::of),
                      false);
              return u.chats()
                  .send(c.me(), c.chatParam("chatId"), message)
                  .thenApply(sent -> sent(sent, metrics));
            });

    t.delete(CHATS + "/{chatId}/messages")
        .summary("chats by id", "Clear the history for me only")
        .returns(200, "Cleared")
        .does(c -> u.chats().clear(c.me(), c.chatParam("chatId")).thenApply(ChatRoutes::cleared));

    t.post(CHATS + "/{chatId}/read")
        .summary("chats by id", "Move my read mark to the chat's last entry")
        .returns(200, "SeenUpTo")
        .does(c -> u.chats().markRead(c.me(), c.chatParam("chatId")).thenApply(ChatRoutes::seen));

    t.post(CHATS + "/{chatId}/delivered")
        .summary(
            "chats by id",
            "One of my devices received the chat up to seq: my delivered mark moves there (never"
                + " back)")
        .body("DeliveredRequest", true)
        .returns(200, "DeliveredUpTo")
        .does(
            c -> {
              long seq = c.requiredBody(Set.of("seq")).requiredCount("seq");
              return u.chats()
                  .markDelivered(c.me(), c.chatParam("chatId"), seq)
                  .thenApply(
                      mark ->
                          Reply.ok(
                              "Delivery recorded",
                              fields(
                                  "chatId",
                                  mark.chatId().value(),
                                  "deliveredSeq",
                                  mark.deliveredSeq())));
            });

    t.put(CHATS + "/{chatId}/archive")
        .summary(
            "chats by id",
            "Archive the chat for me: out of my default list until a newer message comes (unless"
                + " it is muted)")
        .returns(200, "ChatResult")
        .does(c -> archive(c, u, true));

    t.delete(CHATS + "/{chatId}/archive")
        .summary("chats by id", "Bring an archived chat back to my default list")
        .returns(200, "ChatResult")
        .does(c -> archive(c, u, false));

    t.post(CHATS + "/{chatId}/mute")
        .summary("chats by id", "Toggle my mute of the chat, or mute it until an instant")
        .body("MuteRequest", false)
        .returns(200, "MuteStatus")
        .does(
            c ->
                u.chats()
                    .toggleMute(c.me(), c.chatParam("chatId"), until(c))
                    .thenApply(ChatRoutes::muted));

    t.get(CHATS + "/{chatId}/online")
        .summary("chats by id", "How many of the chat's members are online now")
        .returns(200, "OnlineCount")
        .does(
            c ->
                u.chats()
                    .online(c.me(), c.chatParam("chatId"))
                    .thenApply(
                        count ->
                            Reply.ok(
                                "Online members counted",
                                fields("online", count.online(), "members", count.members()))));

    t.get(CHATS + "/{chatId}/messages/{messageId}/reads")
        .summary("groups", "Who has read a group's message (besides its sender), by user id")
        .paged()
        .returns(200, "MemberList")
        .does(
            c ->
                u.chats()
                    .readers(c.me(), c.chatParam("chatId"), c.messageParam("messageId"), c.page())
                    .thenApply(page -> Reply.ok("Readers fetched", Wire.memberPage(page))));
  }

  /** Creating and managing groups. */
  private static void groups(RouteTable t, ChatUseCases u) {
    t.post(CHATS + "/groups")
        .summary("groups", "Create a group that I own")
        .body("CreateGroupRequest", true)
        .returns(201, "ChatResult")
        .does(
            c -> {
              Body body =
                  c.requiredBody(
                      Set.of("name", "description", "avatarUrl", "members", "onlyAdminsSend"));
              CreateGroup command =
                  new CreateGroup(
                      c.me(),
                      body.requiredText("name"),
                      body.text("description"),
                      body.text("avatarUrl"),
                      body.userIds("members", MAX_IDS),
                      body.bool("onlyAdminsSend").orElse(false));
              return u.groups()
                  .create(command)
                  .thenApply(
                      chat -> new Reply(201, "Group created", fields("chat", Wire.chat(chat))));
            });

    t.patch(CHATS + "/{chatId}")
        .summary("groups", "Change a group's name, description, avatar or settings")
        .body("UpdateGroupRequest", true)
        .returns(200, "ChatResult")
        .does(
            c -> {
              Body body =
                  c.requiredBody(Set.of("name", "description", "avatarUrl", "onlyAdminsSend"));
              GroupChange change =
                  new GroupChange(
                      body.text("name"),
                      body.removableText("description"),
                      body.removableText("avatarUrl"),
                      body.bool("onlyAdminsSend"));
              return u.groups()
                  .update(c.me(), c.chatParam("chatId"), change)
                  .thenApply(chat -> Reply.ok("Group updated", fields("chat", Wire.chat(chat))));
            });

    t.delete(CHATS + "/{chatId}")
        .summary("groups", "Delete a group I left from my list")
        .returns(200, "Empty")
        .does(
            c ->
                u.groups()
                    .hide(c.me(), c.chatParam("chatId"))
                    .thenApply(ok -> Reply.ok("Chat deleted", fields())));

    t.get(CHATS + "/{chatId}/members")
        .summary("groups", "A group's members, by user id")
        .paged()
        .returns(200, "MemberList")
        .does(
            c ->
                u.groups()
                    .members(c.me(), c.chatParam("chatId"), c.page())
                    .thenApply(page -> Reply.ok("Members fetched", Wire.memberPage(page))));

    t.post(CHATS + "/{chatId}/members")
        .summary("groups", "Add members (owners and admins)")
        .body("AddMembersRequest", true)
        .returns(200, "MembersAdded")
        .does(
            c -> {
              List<UserId> users = c.requiredBody(Set.of("userIds")).userIds("userIds", MAX_IDS);
              if (users.isEmpty()) {
                throw new InvalidArgumentException("userIds is required");
              }
              return u.groups()
                  .addMembers(c.me(), c.chatParam("chatId"), users)
                  .thenApply(
                      added ->
                          Reply.ok(
                              "Members added",
                              fields("added", added.stream().map(UserId::value).toList())));
            });

    t.delete(CHATS + "/{chatId}/members/{userId}")
        .summary("groups", "Remove a member (owner: anyone; admins: members)")
        .returns(200, "Empty")
        .does(
            c ->
                u.groups()
                    .removeMember(c.me(), c.chatParam("chatId"), c.userParam("userId"))
                    .thenApply(ok -> Reply.ok("Member removed", fields())));

    t.patch(CHATS + "/{chatId}/members/{userId}")
        .summary("groups", "Make a member an admin or an admin a member (owner)")
        .body("SetRoleRequest", true)
        .returns(200, "Empty")
        .does(
            c -> {
              GroupRole role =
                  GroupRole.fromWire(c.requiredBody(Set.of("role")).requiredText("role"));
              return u.groups()
                  .setRole(c.me(), c.chatParam("chatId"), c.userParam("userId"), role)
                  .thenApply(ok -> Reply.ok("Role changed", fields()));
            });

    t.post(CHATS + "/{chatId}/owner")
        .summary("groups", "Hand ownership over to another member (owner)")
        .body("HandOverRequest", true)
        .returns(200, "Empty")
        .does(
            c -> {
              UserId next = UserId.of(c.requiredBody(Set.of("userId")).requiredText("userId"));
              return u.groups()
                  .handOver(c.me(), c.chatParam("chatId"), next)
                  .thenApply(ok -> Reply.ok("Ownership handed over", fields()));
            });

    t.post(CHATS + "/{chatId}/leave")
        .summary("groups", "Leave a group (the owner's role passes on)")
        .returns(200, "Empty")
        .does(
            c ->
                u.groups()
                    .leave(c.me(), c.chatParam("chatId"))
                    .thenApply(ok -> Reply.ok("Left the group", fields())));
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
                                    detail.history().hasMore(),
                                    "lastChange",
                                    detail.history().lastChange()))));

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
                      body.text("clientMessageId").map(ClientMessageId::fromClient))
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

  /** The limits this server enforces, for a client to offer only what it would accept. */
  private static void config(RouteTable t, ChatUseCases u) {
    t.get(CONFIG)
        .summary(
            "config",
            "The message and group limits this server enforces (edit and delete windows, pins,"
                + " reactions, text length, group sizes)")
        .returns(200, "ClientConfig")
        .does(c -> u.clientRules().rules().thenApply(ChatRoutes::rules));
  }

  /**
   * The windows in whole seconds, rounded down: a client that counts with them offers an action a
   * little less long than the server allows, never longer.
   */
  private static Reply rules(ClientRules r) {
    return Reply.ok(
        "Config fetched",
        fields(
            "maxTextLength",
            r.maxTextLength(),
            "editWindowSeconds",
            r.editWindow().toSeconds(),
            "deleteWindowSeconds",
            r.deleteWindow().toSeconds(),
            "maxPins",
            r.maxPins(),
            "maxReactions",
            r.maxReactions(),
            "reactions",
            r.allowedReactions(),
            "group",
            fields(
                "maxMembers",
                r.groupMaxMembers(),
                "maxAdded",
                r.groupMaxAdded(),
                "presenceSize",
                r.groupPresenceSize())));
  }

  /** Archives the chat for the caller, or brings it back; answers the chat as they now see it. */
  private static CompletionStage<Reply> archive(Call c, ChatUseCases u, boolean archived) {
    return u.chats()
        .archive(c.me(), c.chatParam("chatId"), archived)
        .thenApply(
            chat ->
                Reply.ok(
                    archived ? "Chat archived" : "Chat unarchived",
                    fields("chat", Wire.chat(chat))));
  }

  /** A send's answer: 201 with the stored message, or 200 with it for a retry. */
  static Reply sent(Sent sent, HttpMetrics metrics) {
    if (sent.created()) {
      metrics.messageSent();
    }
    return new Reply(
        sent.created() ? 201 : 200,
        sent.created() ? "Message sent" : "Message already sent",
        fields("message", Wire.message(sent.message())));
  }

  private static Reply cleared(Cleared cleared) {
    return Reply.ok(
        "History cleared",
        fields("chatId", cleared.chatId().value(), "clearedUpTo", cleared.clearedUpTo()));
  }

  private static Reply seen(SeenMark mark) {
    return Reply.ok(
        "Messages marked as seen",
        fields("chatId", mark.chatId().value(), "seenUpTo", mark.seenUpTo()));
  }

  /** A mute's optional end, from the body {@code {"until"?}}. */
  private static Optional<Instant> until(Call c) {
    return c.body(Set.of("until")).text("until").map(ChatRoutes::instant);
  }

  private static Reply muted(MuteStatus status) {
    return Reply.ok(status.muted() ? "Chat muted" : "Chat unmuted", Wire.mute(status));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException("until must be an ISO-8601 instant");
    }
  }
}
