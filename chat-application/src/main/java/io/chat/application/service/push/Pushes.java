package io.chat.application.service.push;

import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.Presence;
import io.chat.application.port.out.PushNotification;
import io.chat.application.port.out.PushNotifier;
import io.chat.application.port.out.PushTokens;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallType;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.Message;
import io.chat.domain.relation.PushEligibility;
import io.chat.domain.shared.Failures;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Turns a stored message into a push when {@link PushEligibility} says so, asking for each fact it
 * needs in turn, cheapest first: the sender's name is the title, a preview (or, with the privacy
 * setting, a neutral text) the body. Runs after the send is answered and never fails it.
 */
@Singleton
public final class Pushes {
  private static final System.Logger LOG = System.getLogger(Pushes.class.getName());
  private static final String PRIVATE_BODY = "New message";

  private final Presence presence;
  private final PushTokens tokens;
  private final MuteSettings mutes;
  private final Directory directory;
  private final PushNotifier notifier;
  private final SupportDesk desk;
  private final ServiceSettings settings;
  private final Clock clock;

  @Inject
  public Pushes(
      Presence presence,
      PushTokens tokens,
      MuteSettings mutes,
      Directory directory,
      PushNotifier notifier,
      ServiceSettings settings,
      Clock clock) {
    this.presence = presence;
    this.tokens = tokens;
    this.mutes = mutes;
    this.directory = directory;
    this.notifier = notifier;
    this.desk = settings.desk();
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Pushes the message to its recipient's devices when they are eligible; answers whether it did.
   */
  public CompletionStage<Boolean> messageStored(Chat chat, Message message) {
    return pushTo(chat, message, chat.otherThan(message.sender()), Optional.empty());
  }

  /**
   * Pushes a group's message to every member in {@code audience} but its sender who is eligible,
   * titled "Sender in Group"; a member the message mentions gets it even while muting the group.
   * Answers how many members it pushed to.
   */
  public CompletionStage<Integer> groupMessageStored(
      Chat chat, Message message, Collection<UserId> audience) {
    if (message.isSystem()) {
      return Stages.done(0);
    }
    String group = chat.requireGroup().profile().name();
    CompletionStage<Integer> pushed = Stages.done(0);
    for (UserId member : audience) {
      if (!message.isFrom(member)) {
        pushed =
            pushed.thenCombine(
                pushTo(chat, message, member, Optional.of(group)), (n, p) -> p ? n + 1 : n);
      }
    }
    return pushed;
  }

  /**
   * A call {@code entry} the callee did not take (missed, cancelled, busy): pushed to the callee as
   * "Missed voice call" (or video) whether or not a device of theirs is connected, unless they mute
   * the chat; with the privacy setting, "Missed call". Answers whether it pushed; never fails.
   */
  public CompletionStage<Boolean> callMissed(Chat chat, CallEntry entry) {
    String body =
        settings.pushPrivacy()
            ? "Missed call"
            : entry.callType() == CallType.VIDEO ? "Missed video call" : "Missed voice call";
    return callPush(chat, entry.caller(), entry.callee(), body, false, false);
  }

  /**
   * An incoming call to a callee with no connected device: an urgent push, "Incoming voice call"
   * (or video; "Incoming call" with the privacy setting), unless they mute the chat. Answers
   * whether it pushed; never fails.
   */
  public CompletionStage<Boolean> incomingCall(
      Chat chat, UserId caller, UserId callee, CallType type) {
    String body =
        settings.pushPrivacy()
            ? "Incoming call"
            : type == CallType.VIDEO ? "Incoming video call" : "Incoming voice call";
    return callPush(chat, caller, callee, body, true, true);
  }

  private CompletionStage<Boolean> callPush(
      Chat chat, UserId caller, UserId callee, String body, boolean onlyOffline, boolean urgent) {
    if (!PushEligibility.forRecipient(desk, callee)) {
      return Stages.done(false);
    }
    CompletionStage<Boolean> pushed =
        Stages.defer(
            () ->
                (onlyOffline ? presence.isOnline(callee) : Stages.done(false))
                    .thenCompose(
                        online ->
                            !PushEligibility.whileOnline(online)
                                ? Stages.done(false)
                                : mutes
                                    .find(callee, chat.id())
                                    .thenCompose(
                                        mute ->
                                            !PushEligibility.underMute(mute, clock.instant())
                                                ? Stages.done(false)
                                                : tokens
                                                    .tokensOf(callee)
                                                    .thenCompose(
                                                        devices ->
                                                            !PushEligibility.toDevices(devices)
                                                                ? Stages.done(false)
                                                                : directory
                                                                    .requireKnown(caller)
                                                                    .thenApply(
                                                                        profile -> {
                                                                          notifier.notify(
                                                                              new PushNotification(
                                                                                  callee,
                                                                                  devices,
                                                                                  profile
                                                                                      .fullName(),
                                                                                  body,
                                                                                  chat.id(),
                                                                                  caller,
                                                                                  urgent));
                                                                          return true;
                                                                        })))));
    return pushed.exceptionally(
        failure -> {
          LOG.log(
              System.Logger.Level.WARNING,
              "call push for chat {0} not sent: {1}",
              chat.id(),
              Failures.unwrapped(failure).getClass().getSimpleName());
          return false;
        });
  }

  private CompletionStage<Boolean> pushTo(
      Chat chat, Message message, UserId recipient, Optional<String> group) {
    if (!PushEligibility.forRecipient(desk, recipient)) {
      return Stages.done(false);
    }
    CompletionStage<Boolean> pushed =
        Stages.defer(
            () ->
                presence
                    .isOnline(recipient)
                    .thenCompose(
                        online ->
                            !PushEligibility.whileOnline(online)
                                ? Stages.done(false)
                                : mutes
                                    .find(recipient, chat.id())
                                    .thenCompose(
                                        mute ->
                                            !PushEligibility.underMute(mute, clock.instant())
                                                    && !message.mentions(recipient)
                                                ? Stages.done(false)
                                                : push(chat, message, recipient, group))));
    return pushed.exceptionally(
        failure -> {
          LOG.log(
              System.Logger.Level.WARNING,
              "push for chat {0} not sent: {1}",
              chat.id(),
              Failures.unwrapped(failure).getClass().getSimpleName());
          return false;
        });
  }

  private CompletionStage<Boolean> push(
      Chat chat, Message message, UserId recipient, Optional<String> group) {
    return tokens
        .tokensOf(recipient)
        .thenCompose(
            devices -> {
              if (!PushEligibility.toDevices(devices)) {
                return Stages.done(false);
              }
              return directory
                  .requireKnown(message.sender())
                  .thenApply(
                      sender -> {
                        String body =
                            settings.pushPrivacy()
                                ? PRIVATE_BODY
                                : message.text().preview(settings.previewLength());
                        notifier.notify(
                            new PushNotification(
                                recipient,
                                devices,
                                group
                                    .map(g -> sender.fullName() + " in " + g)
                                    .orElse(sender.fullName()),
                                body,
                                chat.id(),
                                message.sender()));
                        return true;
                      });
            });
  }
}
