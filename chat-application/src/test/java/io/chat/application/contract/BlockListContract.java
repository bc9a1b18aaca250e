package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.ERIN;
import static io.chat.application.testing.Users.FRANK;
import static io.chat.application.testing.Users.block;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.BlockList;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Users;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlockList} promises: a block is directional and recorded once, either direction
 * separates two users, and a blocker's blocks come in pages by blocked id.
 */
public abstract class BlockListContract {
  private BlockList blocks;

  /** A block list of its own, empty, for each test. */
  protected abstract BlockList newBlockList();

  @BeforeEach
  void startEmpty() {
    blocks = newBlockList();
  }

  @Test
  void aNewBlockIsRecordedAndSeparatesBothWays() {
    Block block = block(ALICE, BOB, at(1));

    assertThat(done(blocks.add(block))).isTrue();

    assertThat(done(blocks.isBlockedEitherWay(ALICE, BOB))).isTrue();
    assertThat(done(blocks.isBlockedEitherWay(BOB, ALICE))).isTrue();
    assertThat(done(blocks.blockedBy(ALICE, Optional.empty(), 10))).containsExactly(block);
    assertThat(done(blocks.blockedBy(BOB, Optional.empty(), 10))).isEmpty();
  }

  @Test
  void addingAnExistingBlockAnswersFalseAndKeepsOneBlock() {
    done(blocks.add(block(ALICE, BOB, at(1))));

    assertThat(done(blocks.add(block(ALICE, BOB, at(2))))).isFalse();

    assertThat(done(blocks.blockedBy(ALICE, Optional.empty(), 10)))
        .extracting(Block::blocked)
        .containsExactly(BOB);
  }

  @Test
  void concurrentAddsOfOneBlockAnswerTrueOnce() {
    List<Boolean> outcomes = Concurrently.call(24, i -> blocks.add(block(ALICE, BOB, at(i))));

    assertThat(outcomes).containsOnlyOnce(true);
    assertThat(done(blocks.blockedBy(ALICE, Optional.empty(), 10))).hasSize(1);
  }

  @Test
  void removingABlockAnswersTrueAndLiftsIt() {
    done(blocks.add(block(ALICE, BOB, at(1))));

    assertThat(done(blocks.remove(ALICE, BOB))).isTrue();

    assertThat(done(blocks.isBlockedEitherWay(ALICE, BOB))).isFalse();
    assertThat(done(blocks.blockedEitherWay(ALICE))).isEmpty();
    assertThat(done(blocks.blockedBy(ALICE, Optional.empty(), 10))).isEmpty();
  }

  @Test
  void removingAMissingBlockAnswersFalse() {
    assertThat(done(blocks.remove(ALICE, BOB))).isFalse();
  }

  @Test
  void onlyTheBlockerRemovesTheirBlock() {
    done(blocks.add(block(ALICE, BOB, at(1))));

    assertThat(done(blocks.remove(BOB, ALICE))).isFalse();

    assertThat(done(blocks.isBlockedEitherWay(BOB, ALICE))).isTrue();
  }

  @Test
  void mutualBlocksAreTwoBlocksLiftedOneByOne() {
    done(blocks.add(block(ALICE, BOB, at(1))));
    done(blocks.add(block(BOB, ALICE, at(2))));

    assertThat(done(blocks.remove(ALICE, BOB))).isTrue();

    assertThat(done(blocks.isBlockedEitherWay(ALICE, BOB))).isTrue();
    assertThat(done(blocks.remove(BOB, ALICE))).isTrue();
    assertThat(done(blocks.isBlockedEitherWay(ALICE, BOB))).isFalse();
  }

  @Test
  void aBlockSeparatesOnlyItsTwoUsers() {
    done(blocks.add(block(ALICE, BOB, at(1))));

    assertThat(done(blocks.isBlockedEitherWay(ALICE, CAROL))).isFalse();
    assertThat(done(blocks.isBlockedEitherWay(CAROL, BOB))).isFalse();
    assertThat(done(blocks.isBlockedEitherWay(DAVE, ERIN))).isFalse();
  }

  @Test
  void blockedEitherWayNamesThoseBlockedAndThoseBlocking() {
    done(blocks.add(block(ALICE, BOB, at(1))));
    done(blocks.add(block(CAROL, ALICE, at(2))));
    done(blocks.add(block(ALICE, DAVE, at(3))));
    done(blocks.add(block(DAVE, ALICE, at(4))));
    done(blocks.add(block(ERIN, FRANK, at(5))));

    assertThat(done(blocks.blockedEitherWay(ALICE))).containsExactlyInAnyOrder(BOB, CAROL, DAVE);
    assertThat(done(blocks.blockedEitherWay(FRANK))).containsExactly(ERIN);
    assertThat(done(blocks.blockedEitherWay(UserId.of("nobody")))).isEmpty();
  }

  @Test
  void aBlockersBlocksComeByBlockedIdAscending() {
    Block erin = block(ALICE, ERIN, at(1));
    Block bob = block(ALICE, BOB, at(2));
    Block dave = block(ALICE, DAVE, at(3));
    for (Block b : List.of(erin, bob, dave, block(CAROL, ALICE, at(4)))) {
      done(blocks.add(b));
    }

    assertThat(done(blocks.blockedBy(ALICE, Optional.empty(), 10)))
        .containsExactly(bob, dave, erin);
  }

  @Test
  void aBlockersBlocksComeStrictlyAfterTheGivenIdAndAtMostTheLimit() {
    for (UserId blocked : List.of(BOB, CAROL, DAVE, ERIN, FRANK)) {
      done(blocks.add(block(ALICE, blocked, at(1))));
    }

    assertThat(done(blocks.blockedBy(ALICE, Optional.of(CAROL), 2)))
        .extracting(Block::blocked)
        .containsExactly(DAVE, ERIN);
    // The position need not be a blocked id: "caz" sorts between carol and dave.
    assertThat(done(blocks.blockedBy(ALICE, Optional.of(UserId.of("caz")), 10)))
        .extracting(Block::blocked)
        .containsExactly(DAVE, ERIN, FRANK);
    assertThat(done(blocks.blockedBy(ALICE, Optional.of(FRANK), 10))).isEmpty();
  }

  @Test
  void pagingThroughABlockersBlocksMeetsEachOnce() {
    List<Block> all = new ArrayList<>();
    for (int i = 23; i >= 1; i--) {
      Block b = block(ALICE, Users.numbered(i), at(i));
      all.add(0, b);
      done(blocks.add(b));
    }

    List<Block> seen = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Block> page = done(blocks.blockedBy(ALICE, after, 5));
      assertThat(page).hasSizeLessThanOrEqualTo(5);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = Optional.of(page.get(page.size() - 1).blocked());
    }

    assertThat(seen).containsExactlyElementsOf(all);
  }
}
