package io.chat.adapter.inmemory;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.testing.Chats;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.application.testing.Users;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryStoreHealthTest {
  private final InMemoryStoreHealth health = new InMemoryStoreHealth();
  private final Chats chats = new Chats(Ids.seeded(3));
  private final Messages messages = new Messages(Ids.seeded(4));

  @Test
  void aStoreThatIsUpAnswersThePing() {
    assertThat(health.isUp()).isTrue();
    assertThat(done(health.ping())).isNull();
  }

  @Test
  void aStoreThatIsDownFailsThePingAsUnavailable() {
    health.goDown();

    Throwable failure = failure(health.ping());

    assertThat(failure).isInstanceOf(StoreUnavailableException.class);
    assertThat(((StoreUnavailableException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void storesBuiltWithTheSwitchFailAndStoreNothingDuringAnOutage() {
    InMemoryChatRepository repository = new InMemoryChatRepository(health);
    InMemoryMessageRepository messageRepository = new InMemoryMessageRepository(health);
    InMemoryMuteSettings mutes = new InMemoryMuteSettings(health);
    InMemoryBlockList blocks = new InMemoryBlockList(health);
    InMemoryUserDirectory directory = new InMemoryUserDirectory(health);
    InMemoryPushTokens tokens = new InMemoryPushTokens(health);
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    health.goDown();

    assertThat(
            List.of(
                failure(
                    repository.recordMessage(
                        chat, messages.newMessage(ALICE, "lost", at(1)), Optional.empty())),
                failure(messageRepository.insert(messages.message(chat.id(), 1, ALICE, at(1)))),
                failure(mutes.save(new Mute(ALICE, chat.id(), Optional.empty()))),
                failure(blocks.add(Users.block(ALICE, BOB, at(1)))),
                failure(directory.save(Users.profile(ALICE))),
                failure(tokens.register(ALICE, Users.pushToken("t-1", "ios")))))
        .allSatisfy(f -> assertThat(f).isInstanceOf(StoreUnavailableException.class));

    health.comeBack();

    assertThat(done(repository.findByPair(ChatType.USER_CHAT, chat.pair()))).isEmpty();
    assertThat(done(messageRepository.earliestAfter(chat.id(), 0, 10))).isEmpty();
    assertThat(done(mutes.find(ALICE, chat.id()))).isEmpty();
    assertThat(done(blocks.isBlockedEitherWay(ALICE, BOB))).isFalse();
    assertThat(done(directory.find(ALICE))).isEmpty();
    assertThat(done(tokens.tokensOf(ALICE))).isEmpty();
  }

  @Test
  void aStoreRecoversWhenTheOutageEnds() {
    InMemoryChatRepository repository = new InMemoryChatRepository(health);
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    health.goDown();
    failure(repository.findOrCreate(chat));

    health.comeBack();

    assertThat(done(repository.findOrCreate(chat)).id()).isEqualTo(chat.id());
    assertThat(done(health.ping())).isNull();
  }
}
