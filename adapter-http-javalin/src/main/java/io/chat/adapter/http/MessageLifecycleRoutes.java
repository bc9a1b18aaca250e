package io.chat.adapter.http;

import static io.chat.adapter.wire.Wire.fields;

import io.chat.adapter.http.Route.Reply;
import io.chat.adapter.wire.Wire;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to a message after it is sent, in any chat by its id: edit, delete (for me or for
 * everyone), react, pin, forward, the changes a client catches up with, and search. The caller is
 * an {@link io.chat.application.port.in.Actor}: staff act as the support desk in support chats, on
 * the same routes with their own token.
 */
final class MessageLifecycleRoutes {
  private static final String MESSAGE = ChatRoutes.CHATS + "/{chatId}/messages/{messageId}";
  static final String SEARCH = "/api/v1/search";

  /** The most revised messages one page of changes holds. */
  static final int MAX_CHANGES = 200;

  private MessageLifecycleRoutes() {}

  static void define(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    edits(t, u, metrics);
    search(t, u);
  }

  private static void edits(RouteTable t, ChatUseCases u, HttpMetrics metrics) {
    t.patch(MESSAGE)
        .summary(
            "messages by id",
            "Edit my message's text within the edit window (staff: the desk's, in support chats)")
        .body("EditMessageRequest", true)
        .returns(200, "MessageResult")
        .does(
            c -> {
              String text = c.requiredBody(Set.of("text")).requiredText("text");
              return u.lifecycle()
                  .edit(c.actor(), c.chatParam("chatId"), c.messageParam("messageId"), text)
                  .thenApply(m -> message("Message edited", m));
            });

    t.delete(MESSAGE)
        .summary(
            "messages by id",
            "Delete a message for me (default) or for everyone (mine within the delete window;"
                + " a group's owner and admins: any member's)")
        .query("for", "string", "me (default) | everyone")
        .returns(200, "MessageResult")
        .does(
            c -> {
              boolean forEveryone = forEveryone(c);
              return u.lifecycle()
                  .delete(
                      c.actor(), c.chatParam("chatId"), c.messageParam("messageId"), forEveryone)
                  .thenApply(
                      m ->
                          message(
                              forEveryone ? "Message deleted for everyone" : "Message deleted", m));
            });

    t.put(MESSAGE + "/reactions/{emoji}")
        .summary(
            "messages by id", "Add my reaction (the emoji percent-encoded in the path; idempotent)")
        .returns(200, "MessageResult")
        .does(
            c ->
                u.lifecycle()
                    .react(
                        c.actor(),
                        c.chatParam("chatId"),
                        c.messageParam("messageId"),
                        c.textParam("emoji"),
                        true)
                    .thenApply(m -> message("Reaction added", m)));

    t.delete(MESSAGE + "/reactions/{emoji}")
        .summary("messages by id", "Take my reaction back (idempotent)")
        .returns(200, "MessageResult")
        .does(
            c ->
                u.lifecycle()
                    .react(
                        c.actor(),
                        c.chatParam("chatId"),
                        c.messageParam("messageId"),
                        c.textParam("emoji"),
                        false)
                    .thenApply(m -> message("Reaction removed", m)));

    t.put(MESSAGE + "/pin")
        .summary(
            "messages by id",
            "Pin a message to its chat (a chat of two: either side; a group: owner and admins)")
        .returns(200, "MessageResult")
        .does(
            c ->
                u.lifecycle()
                    .pin(c.actor(), c.chatParam("chatId"), c.messageParam("messageId"), true)
                    .thenApply(m -> message("Message pinned", m)));

    t.delete(MESSAGE + "/pin")
        .summary("messages by id", "Unpin a message")
        .returns(200, "MessageResult")
        .does(
            c ->
                u.lifecycle()
                    .pin(c.actor(), c.chatParam("chatId"), c.messageParam("messageId"), false)
                    .thenApply(m -> message("Message unpinned", m)));

    t.get(ChatRoutes.CHATS + "/{chatId}/pins")
        .summary("messages by id", "The chat's pinned messages I see, latest pin first")
        .returns(200, "PinnedList")
        .does(
            c ->
                u.lifecycle()
                    .pinned(c.actor(), c.chatParam("chatId"))
                    .thenApply(
                        pinned ->
                            Reply.ok(
                                "Pinned messages fetched",
                                fields("messages", Wire.messages(pinned)))));

    t.get(ChatRoutes.CHATS + "/{chatId}/changes")
        .summary(
            "messages by id",
            "Messages revised (edited, deleted, reacted to, pinned) after a change number, lowest"
                + " change first")
        .query("since", "integer", "the change number I hold (default 0)")
        .query("limit", "integer", "1 to 200, default 50")
        .returns(200, "Changes")
        .does(
            c ->
                u.lifecycle()
                    .changes(
                        c.actor(),
                        c.chatParam("chatId"),
                        c.number("since").orElse(0L),
                        c.limit(PageRequest.DEFAULT_LIMIT, MAX_CHANGES))
                    .thenApply(page -> Reply.ok("Changes fetched", Wire.changes(page))));

    t.post(MESSAGE + "/forward")
        .summary(
            "messages by id",
            "Forward a copy of a message into another chat I may write to (201 when stored; 200"
                + " for a repeated clientMessageId)")
        .body("ForwardRequest", true)
        .returns(201, "MessageResult")
        .does(
            c -> {
              Body body = c.requiredBody(Set.of("chatId", "clientMessageId"));
              ChatId to = ChatId.of(body.requiredText("chatId"));
              return u.lifecycle()
                  .forward(
                      c.actor(),
                      c.chatParam("chatId"),
                      c.messageParam("messageId"),
                      to,
                      body.text("clientMessageId").map(ClientMessageId::fromClient))
                  .thenApply(sent -> ChatRoutes.sent(sent, metrics));
            });
  }

  /** Searching the text of the messages the caller sees. */
  private static void search(RouteTable t, ChatUseCases u) {
    t.get(SEARCH)
        .summary(
            "search",
            "Search the messages I see, newest first: every word must match, whatever its case and"
                + " accents")
        .query("q", "string", "the words to find (required)")
        .query("chatId", "string", "search within this chat only")
        .paged()
        .returns(200, "SearchResult")
        .does(
            c -> {
              String query =
                  c.query("q").orElseThrow(() -> new InvalidArgumentException("q is required"));
              Optional<ChatId> chat = c.query("chatId").map(ChatId::of);
              return u.search()
                  .search(c.actor(), query, chat, c.page())
                  .thenApply(page -> Reply.ok("Messages found", Wire.searchPage(page)));
            });
  }

  /** {@code ?for=me} (the default, as in messaging apps) or {@code ?for=everyone}. */
  private static boolean forEveryone(Call c) {
    String scope = c.query("for").orElse("me");
    return switch (scope) {
      case "me" -> false;
      case "everyone" -> true;
      default -> throw new InvalidArgumentException("for must be me or everyone");
    };
  }

  private static Reply message(String text, MessageView message) {
    return Reply.ok(text, fields("message", Wire.message(message)));
  }
}
