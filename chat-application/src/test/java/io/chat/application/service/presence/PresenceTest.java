package io.chat.application.service.presence;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatServices;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import org.junit.jupiter.api.Test;

/** Who sees whom online, and when they hear of it. */
class PresenceTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL);
  private final ChatServices chat = core.services;

  @Test
  void theFirstDeviceBringsAUserOnlineForOnlinePartnersOnly() {
    core.send(ALICE, BOB, "hi");
    Await.done(chat.goOnline().goOnline(BOB));
    Await.done(chat.goOnline().goOnline(CAROL));

    var snapshot = Await.done(chat.goOnline().goOnline(ALICE));
    Await.done(chat.goOnline().goOnline(ALICE));

    assertThat(snapshot.online()).containsExactly(BOB);
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(CAROL)).as("no chat with Alice").isEmpty();
  }

  @Test
  void theLastDeviceTakesAUserOffline() {
    core.send(ALICE, BOB, "hi");
    Await.done(chat.goOnline().goOnline(BOB));
    Await.done(chat.goOnline().goOnline(ALICE));
    Await.done(chat.goOnline().goOnline(ALICE));

    Await.done(chat.goOffline().goOffline(ALICE));
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOffline.class)).isEmpty();
    assertThat(Await.done(chat.onlinePartners().onlinePartners(BOB)).online())
        .containsExactly(ALICE);

    Await.done(chat.goOffline().goOffline(ALICE));
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(ALICE);
    assertThat(Await.done(chat.onlinePartners().onlinePartners(BOB)).online()).isEmpty();
  }

  @Test
  void aUserWhoseLastDevicesWentWithANodeIsToldOfflineToOnlinePartners() {
    core.send(ALICE, BOB, "hi");
    core.send(ALICE, CAROL, "hi");
    Await.done(chat.goOnline().goOnline(BOB));

    // Presence has already let Alice's devices go with their node (it never counted them here).
    Await.done(chat.goOffline().wentOfflineWithNode(ALICE));

    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOffline.class))
        .as("offline herself: nobody to tell")
        .isEmpty();
  }

  @Test
  void aUserBackWithTheirNodeIsToldOnlineToOnlinePartners() {
    core.send(ALICE, BOB, "hi");
    core.send(ALICE, CAROL, "hi");
    Await.done(chat.goOnline().goOnline(BOB));

    Await.done(chat.goOnline().backOnlineWithNode(ALICE));

    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOnline.class)).isEmpty();
  }

  @Test
  void presenceDoesNotCrossABlockEitherWay() {
    core.send(ALICE, BOB, "hi");
    Await.done(chat.blockUser().block(BOB, ALICE));
    Await.done(chat.goOnline().goOnline(BOB));

    var snapshot = Await.done(chat.goOnline().goOnline(ALICE));

    assertThat(snapshot.online()).isEmpty();
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class)).isEmpty();
  }

  @Test
  void twoOnlineUsersWhoStartAChatSeeEachOtherOnlineAtOnce() {
    Await.done(chat.goOnline().goOnline(ALICE));
    Await.done(chat.goOnline().goOnline(BOB));
    Await.done(chat.goOnline().goOnline(CAROL));
    assertThat(core.events.deliveries()).isEmpty();

    Await.done(chat.openChat().openChat(ALICE, BOB));
    Await.done(chat.openChat().openChat(BOB, ALICE));
    core.send(ALICE, CAROL, "a new chat by its first message");

    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactlyInAnyOrder(BOB, CAROL);
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .as("once, for the chat's creation only")
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
  }
}
