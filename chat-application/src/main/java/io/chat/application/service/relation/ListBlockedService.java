package io.chat.application.service.relation;

import io.chat.application.port.in.BlockedPage;
import io.chat.application.port.in.ListBlockedQuery;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.out.BlockList;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Lists the users I block, by id; the cursor is the last id of the previous page. */
public final class ListBlockedService implements ListBlockedQuery {
  private final BlockList blocks;
  private final Directory directory;

  @Inject
  public ListBlockedService(BlockList blocks, Directory directory) {
    this.blocks = blocks;
    this.directory = directory;
  }

  @Override
  public CompletionStage<BlockedPage> listBlocked(UserId me, PageRequest page) {
    return Stages.defer(
        () -> {
          Optional<UserId> after = page.cursor().map(UserId::of);
          return blocks
              .blockedBy(me, after, page.limit() + 1)
              .thenCompose(
                  found -> {
                    boolean more = found.size() > page.limit();
                    List<UserId> shown =
                        found.subList(0, Math.min(page.limit(), found.size())).stream()
                            .map(Block::blocked)
                            .toList();
                    Optional<String> next =
                        more ? Optional.of(shown.get(shown.size() - 1).value()) : Optional.empty();
                    return directory
                        .profiles(shown)
                        .thenApply(
                            profiles ->
                                new BlockedPage(shown.stream().map(profiles::get).toList(), next));
                  });
        });
  }
}
