package io.chat.application.service.push;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.PageRequest;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.chat.application.service.user.Directory;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Push notifications, device tokens and mutes. */
class PushAndTokensTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB);
  private final ChatServices chat = core.services;

  private void bobHasADevice() {
    Await.done(
        chat.registerPushToken()
            .registerPushToken(BOB, PushToken.of("ExponentPushToken[b]", "ios")));
  }

  private MuteStatus toggle(Optional<Instant> until) {
    return Await.done(chat.toggleMute().toggleMute(BOB, ALICE, until));
  }

  @Test
  void anOfflineRecipientWithADeviceIsPushedTheSendersNameAndAPreview() {
    bobHasADevice();

    var sent = core.send(ALICE, BOB, "x".repeat(300));

    assertThat(core.push.sentTo(BOB))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tokens())
                  .extracting(PushToken::token)
                  .containsExactly("ExponentPushToken[b]");
              assertThat(p.title()).isEqualTo("Name of alice");
              assertThat(p.body()).hasSize(100).endsWith("\u2026");
              assertThat(p.chatId()).isEqualTo(sent.chatId());
              assertThat(p.sender()).isEqualTo(ALICE);
            });
  }

  @Test
  void withThePrivacyOptionTheBodyIsNeutral() {
    InMemoryCore quiet =
        new InMemoryCore(ChatSettings.defaults().withPushPrivacy(true)).withUsers(ALICE, BOB);
    Await.done(quiet.services.registerPushToken().registerPushToken(BOB, PushToken.of("t", null)));

    quiet.send(ALICE, BOB, "my secret");

    assertThat(quiet.push.sentTo(BOB))
        .singleElement()
        .satisfies(p -> assertThat(p.body()).isEqualTo("New message"));
  }

  @Test
  void anOnlineRecipientOrOneWithoutDevicesIsNotPushed() {
    core.send(ALICE, BOB, "no device yet");
    bobHasADevice();
    Await.done(chat.goOnline().goOnline(BOB));
    core.send(ALICE, BOB, "online");

    assertThat(core.push.sent()).isEmpty();
  }

  @Test
  void aMuteSilencesPushUntilItEndsOrIsToggledOff() {
    core.send(ALICE, BOB, "start");
    bobHasADevice();
    core.push.clear();

    MuteStatus muted = toggle(Optional.empty());
    core.send(ALICE, BOB, "muted");
    assertThat(muted).isEqualTo(new MuteStatus(true, Optional.empty()));
    assertThat(core.push.sent()).isEmpty();

    MuteStatus unmuted = toggle(Optional.empty());
    core.send(ALICE, BOB, "unmuted");
    assertThat(unmuted.muted()).isFalse();
    assertThat(core.push.sent()).hasSize(1);

    Instant until = core.clock.instant().plus(Duration.ofMinutes(30));
    assertThat(toggle(Optional.of(until))).isEqualTo(new MuteStatus(true, Optional.of(until)));
    core.send(ALICE, BOB, "within the half hour");
    assertThat(core.push.sent()).hasSize(1);
    core.clock.advance(Duration.ofMinutes(31));
    assertThat(Await.done(chat.muteStatus().muteStatus(BOB, ALICE)).muted()).isFalse();
    core.send(ALICE, BOB, "after the half hour");
    assertThat(core.push.sent()).hasSize(2);
  }

  @Test
  void aMuteShowsInTheChatListAndAMuteInThePastIsRefused() {
    core.send(ALICE, BOB, "start");
    toggle(Optional.empty());

    assertThat(
            Await.done(chat.listChats().listChats(BOB, PageRequest.first(5)))
                .chats()
                .get(0)
                .muted())
        .isTrue();
    assertThat(
            Await.done(chat.listChats().listChats(ALICE, PageRequest.first(5)))
                .chats()
                .get(0)
                .muted())
        .isFalse();
    var refused =
        (ChatException)
            Await.failure(
                chat.toggleMute()
                    .toggleMute(BOB, ALICE, Optional.of(core.clock.instant().minusSeconds(1))));
    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void muteOfAChatThatDoesNotExistIsNotFound() {
    var refused = (ChatException) Await.failure(chat.muteStatus().muteStatus(BOB, ALICE));
    assertThat(refused.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aTokenMovesToWhoeverRegistersItLastAndRemovalStopsPushes() {
    core.send(ALICE, BOB, "start");
    core.send(BOB, ALICE, "start");
    core.push.clear();
    Await.done(
        chat.registerPushToken().registerPushToken(ALICE, PushToken.of("shared-phone", null)));
    Await.done(chat.registerPushToken().registerPushToken(BOB, PushToken.of("shared-phone", null)));

    core.send(BOB, ALICE, "to alice");
    assertThat(core.push.sentTo(ALICE)).isEmpty();
    core.send(ALICE, BOB, "to bob");
    assertThat(core.push.sentTo(BOB)).hasSize(1);

    Await.done(chat.removePushToken().removePushToken(BOB, Optional.of("shared-phone")));
    core.send(ALICE, BOB, "again");
    assertThat(core.push.sentTo(BOB)).hasSize(1);
  }

  @Test
  void removingWithoutATokenRemovesAllOfMine() {
    Await.done(chat.registerPushToken().registerPushToken(BOB, PushToken.of("one", null)));
    Await.done(chat.registerPushToken().registerPushToken(BOB, PushToken.of("two", null)));

    Await.done(chat.removePushToken().removePushToken(BOB, Optional.empty()));

    assertThat(Await.done(core.pushTokens.tokensOf(BOB))).isEmpty();
  }

  @Test
  void aPushThatThrowsIsSwallowedAndNeverFailsTheSend() {
    bobHasADevice();
    var sent = core.send(ALICE, BOB, "stored");
    var chatNow = Await.done(core.chats.findById(sent.chatId())).orElseThrow();
    var message = chatNow.lastMessage().orElseThrow();
    Pushes throwing =
        new Pushes(
            core.presence,
            core.pushTokens,
            core.mutes,
            new Directory(core.users, core.settings, core.clock),
            notification -> {
              throw new IllegalStateException("push service exploded");
            },
            core.settings,
            core.clock);

    assertThat(Await.done(throwing.messageStored(chatNow, message))).isFalse();
    assertThat(
            Await.done(
                    core.services
                        .readHistory()
                        .readHistory(
                            BOB, ALICE, io.chat.application.port.in.HistoryRange.latest(5)))
                .messages())
        .hasSize(1);
  }
}
