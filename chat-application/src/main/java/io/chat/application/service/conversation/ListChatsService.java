package io.chat.application.service.conversation;

import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ListChatsQuery;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.service.shared.Stages;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Lists a user's chats, latest activity first, hiding chats with anybody blocked either way. */
public final class ListChatsService implements ListChatsQuery {
  private final ChatRepository chats;
  private final BlockList blocks;
  private final ChatViews views;

  @Inject
  public ListChatsService(ChatRepository chats, BlockList blocks, ChatViews views) {
    this.chats = chats;
    this.blocks = blocks;
    this.views = views;
  }

  @Override
  public CompletionStage<ChatPage> listChats(UserId me, PageRequest page) {
    return Stages.defer(
        () -> {
          Optional<ChatCursor> after = page.cursor().map(ChatCursor::decode);
          return blocks
              .blockedEitherWay(me)
              .thenCompose(
                  blocked ->
                      views.page(
                          from ->
                              chats.listForUser(
                                  me, CanTalk.unlisted(blocked), from, page.limit() + 1),
                          after,
                          me,
                          page.limit(),
                          false));
        });
  }
}
