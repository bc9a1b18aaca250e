package io.chat.application.contract;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Times;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Pin;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatEvents} promises, as its subscribers observe it. A subscriber is a device:
 * one connection of a user, or of a member of staff. An event to a user reaches each of that user's
 * devices connected when it is published, once; an event to staff reaches each device connected as
 * staff, once; a member of staff's device also receives what goes to them as a user; nobody else
 * receives either. Each device receives what one publisher published to it in the order it was
 * published, whether to the user or to staff. A device receives nothing that was published before
 * it connected nor after it left (no replay), and an event whose audience has no device is dropped
 * without a word to the caller. Every kind of event arrives as it was published. All of this holds
 * while devices connect and leave and several threads publish at once.
 *
 * <p>The suite sees only what devices receive: it never asks an implementation whom it holds. To
 * know that a device has received everything published to it so far (and so that nothing else is
 * coming), it publishes a marker to the device's user and waits for it: by the order promise,
 * whatever was published to that device before the marker has then arrived. Markers are left out of
 * what the tests compare.
 */
public abstract class ChatEventsContract {
  protected static final UserId AGENT = UserId.of("agent");
  protected static final UserId OTHER_AGENT = UserId.of("agent-2");

  private final ObjectIdGenerator ids = Ids.seeded(12L);
  private final ChatId chat = ids.newChatId();
  private final ChatId markerChat = ids.newChatId();
  private final Set<Object> markers = new HashSet<>();
  private long nextMarker;
  private Realtime realtime;
  private ChatEvents events;

  /**
   * The implementation under test and the devices that subscribe to it. Devices may be connected to
   * any node of an implementation that spans several; {@link #events} is the port of one node, the
   * one the suite publishes through.
   */
  public interface Realtime extends AutoCloseable {
    /** The port, as the application holds it. */
    ChatEvents events();

    /** Connects a device of {@code user}: once this returns, events to the user reach it. */
    Device connect(UserId user);

    /**
     * Connects a device of a member of staff: once this returns, events to staff and to {@code
     * member} reach it.
     */
    Device connectStaff(UserId member);

    /**
     * What a device shows when it receives {@code event}: the event itself, or its form on the
     * wire. Equal events look equal; the events of the suite all look different when they differ.
     */
    Object observed(ChatEvent event);

    /** Disconnects every device and releases the implementation. */
    @Override
    void close();
  }

  /** One connected device, as a client sees it. */
  public interface Device {
    /** What the device has received so far, in the order it arrived. */
    List<Object> received();

    /** Waits until the device has received {@code observation}; fails when it does not come. */
    void awaitReceived(Object observation);

    /** Leaves: once this returns, nothing published afterwards reaches the device. */
    void disconnect();
  }

  /** A realtime of its own, with no device connected, for each test. */
  protected abstract Realtime newRealtime();

  @BeforeEach
  void startWithNobodyConnected() {
    realtime = newRealtime();
    events = realtime.events();
  }

  @AfterEach
  void closeEverything() {
    realtime.close();
  }

  @Test
  void anEventToAUserReachesEachOfTheirDevicesOnce() {
    List<Subscriber> alice = List.of(device(ALICE), device(ALICE), device(ALICE));
    ChatEvent typing = typing(BOB, true);

    events.toUser(ALICE, typing);

    settle(alice);
    for (Subscriber device : alice) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(typing));
    }
  }

  @Test
  void anEventToAUserReachesNobodyElse() {
    Subscriber bob = device(BOB);
    // Names that a careless channel or key pattern would confuse with bob's.
    List<Subscriber> others =
        List.of(
            device(UserId.of("bobby")),
            device(UserId.of("bo")),
            device(UserId.of("Bob")),
            device(UserId.of("x-bob")),
            device(ALICE),
            staffDevice(AGENT));
    ChatEvent cleared = new ChatEvent.ChatCleared(chat, 4);

    events.toUser(BOB, cleared);

    settle(bob);
    settle(others);
    assertThat(eventsOf(bob)).containsExactly(seen(cleared));
    for (Subscriber other : others) {
      assertThat(eventsOf(other)).as(other.toString()).isEmpty();
    }
  }

  @Test
  void anEventToStaffReachesEachDeviceOfStaffOnceAndNoUser() {
    List<Subscriber> staff =
        List.of(staffDevice(AGENT), staffDevice(AGENT), staffDevice(OTHER_AGENT));
    // Alice is the user whose support chat the event is about: it is still not hers.
    List<Subscriber> users = List.of(device(ALICE), device(BOB));
    ChatEvent update = supportUpdate(3);

    events.toStaff(update);

    settle(staff);
    settle(users);
    for (Subscriber device : staff) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(update));
    }
    for (Subscriber user : users) {
      assertThat(eventsOf(user)).as(user.toString()).isEmpty();
    }
  }

  @Test
  void aMemberOfStaffAlsoReceivesWhatGoesToThemAsAUser() {
    Subscriber agent = staffDevice(AGENT);
    Subscriber otherAgent = staffDevice(OTHER_AGENT);
    ChatEvent online = new ChatEvent.UserOnline(ALICE);

    events.toUser(AGENT, online);

    settle(agent, otherAgent);
    assertThat(eventsOf(agent)).containsExactly(seen(online));
    assertThat(eventsOf(otherAgent)).isEmpty();
  }

  @Test
  void eventsReachEachDeviceInTheOrderTheyWerePublished() {
    List<Subscriber> alice = List.of(device(ALICE), device(ALICE));
    List<ChatEvent> published = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      ChatEvent event = someEvent(n);
      published.add(event);
      events.toUser(ALICE, event);
    }

    settle(alice);
    for (Subscriber device : alice) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactlyElementsOf(seen(published));
    }
  }

  @Test
  void eventsToAMemberOfStaffAsAUserAndAsStaffArriveInTheOrderTheyWerePublished() {
    Subscriber agent = staffDevice(AGENT);
    Subscriber otherAgent = staffDevice(OTHER_AGENT);
    List<ChatEvent> toAgent = new ArrayList<>();
    List<ChatEvent> toStaff = new ArrayList<>();
    for (int n = 0; n < 60; n++) {
      ChatEvent event = n % 3 == 0 ? supportUpdate(n) : someEvent(n);
      toAgent.add(event);
      if (n % 3 == 0) {
        toStaff.add(event);
        events.toStaff(event);
      } else {
        events.toUser(AGENT, event);
      }
    }

    settle(agent, otherAgent);
    assertThat(eventsOf(agent)).containsExactlyElementsOf(seen(toAgent));
    assertThat(eventsOf(otherAgent)).containsExactlyElementsOf(seen(toStaff));
  }

  @Test
  void aMessageAndItsListEntryPublishedTogetherArriveAsBothEventsInOrder() {
    List<Subscriber> alice = List.of(device(ALICE), device(ALICE));
    Subscriber agent = staffDevice(AGENT);
    Subscriber bob = device(BOB);
    MessageView view =
        new MessageView(
            ids.newMessageId(), chat, BOB, "hi", Times.atMillis(10), 3, false, Optional.empty());
    ChatEvent fresh = new ChatEvent.MessageNew(chat, view);
    ChatEvent entry = new ChatEvent.ChatUpdate(chat, Optional.of("hi"), Times.atMillis(10), 1);
    ChatEvent desk = new ChatEvent.SupportMessageNew(chat, ALICE, view);
    ChatEvent deskEntry = supportUpdate(1);

    events.toUser(ALICE, fresh, entry);
    events.toStaff(desk, deskEntry);

    settle(alice);
    settle(agent, bob);
    for (Subscriber device : alice) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(fresh), seen(entry));
    }
    assertThat(eventsOf(agent)).containsExactly(seen(desk), seen(deskEntry));
    assertThat(eventsOf(bob)).isEmpty();
  }

  @Test
  void anEventToSeveralUsersReachesEachOfTheirDevicesOnceAndNobodyElse() {
    List<Subscriber> alice = List.of(device(ALICE), device(ALICE));
    Subscriber bob = device(BOB);
    Subscriber carol = device(CAROL);
    Subscriber agent = staffDevice(AGENT);
    ChatEvent online = new ChatEvent.UserOnline(CAROL);
    MessageView view =
        new MessageView(
            ids.newMessageId(), chat, CAROL, "hi", Times.atMillis(10), 3, false, Optional.empty());
    ChatEvent fresh = new ChatEvent.MessageNew(chat, view);
    ChatEvent entry =
        new ChatEvent.ChatUpdate(chat, Optional.of("hi"), Times.atMillis(10), OptionalLong.empty());

    events.toUsers(List.of(ALICE, BOB), online);
    events.toUsers(List.of(BOB, ALICE), fresh, entry);
    events.toUsers(List.of(), typing(CAROL, true));

    settle(alice);
    settle(bob, carol, agent);
    for (Subscriber device : Stream.concat(alice.stream(), Stream.of(bob)).toList()) {
      assertThat(eventsOf(device))
          .as(device.toString())
          .containsExactly(seen(online), seen(fresh), seen(entry));
    }
    assertThat(eventsOf(carol)).isEmpty();
    assertThat(eventsOf(agent)).isEmpty();
  }

  @Test
  void everyKindOfEventArrivesAsItWasPublished() {
    Subscriber alice = device(ALICE);
    Subscriber agent = staffDevice(AGENT);
    List<ChatEvent> every = everyKindOfEvent();
    Set<Class<?>> kinds = every.stream().map(ChatEvent::getClass).collect(Collectors.toSet());
    assertThat(kinds)
        .as("every kind of event, with and without its optional fields")
        .containsExactlyInAnyOrder(ChatEvent.class.getPermittedSubclasses());

    for (ChatEvent event : every) {
      events.toUser(ALICE, event);
      events.toStaff(event);
    }

    settle(alice, agent);
    assertThat(eventsOf(alice)).containsExactlyElementsOf(seen(every));
    assertThat(eventsOf(agent)).containsExactlyElementsOf(seen(every));
  }

  @Test
  void anEventForNobodyConnectedIsDroppedWithoutAWord() {
    Subscriber bob = device(BOB);

    assertThatCode(
            () -> {
              events.toUser(ALICE, typing(BOB, true));
              events.toUser(UserId.of("never-seen"), new ChatEvent.UserOffline(BOB));
              events.toStaff(supportUpdate(1));
            })
        .doesNotThrowAnyException();

    Subscriber aliceLater = device(ALICE);
    Subscriber agentLater = staffDevice(AGENT);
    settle(bob, aliceLater, agentLater);
    assertThat(eventsOf(bob)).isEmpty();
    assertThat(eventsOf(aliceLater)).as("nothing is kept for later").isEmpty();
    assertThat(eventsOf(agentLater)).as("nothing is kept for later").isEmpty();
  }

  @Test
  void aDeviceReceivesOnlyWhatWasPublishedAfterItConnected() {
    Subscriber first = device(ALICE);
    ChatEvent before = someEvent(1);
    events.toUser(ALICE, before);
    settle(first);

    Subscriber second = device(ALICE);
    ChatEvent after = someEvent(2);
    events.toUser(ALICE, after);

    settle(first, second);
    assertThat(eventsOf(first)).containsExactly(seen(before), seen(after));
    assertThat(eventsOf(second)).containsExactly(seen(after));
  }

  @Test
  void aDeviceThatLeftReceivesNothingMoreAndTheUsersOtherDevicesStillDo() {
    Subscriber leaving = device(ALICE);
    Subscriber staying = device(ALICE);
    ChatEvent first = someEvent(1);
    events.toUser(ALICE, first);
    settle(leaving);

    leaving.device().disconnect();
    ChatEvent second = someEvent(2);
    events.toUser(ALICE, second);

    settle(staying);
    assertThat(eventsOf(staying)).containsExactly(seen(first), seen(second));
    assertThat(eventsOf(leaving)).containsExactly(seen(first));
  }

  @Test
  void onceEveryDeviceOfAUserLeftTheirEventsAreDroppedUntilTheyComeBack() {
    Subscriber phone = device(ALICE);
    Subscriber laptop = device(ALICE);
    Subscriber agent = staffDevice(AGENT);
    phone.device().disconnect();
    laptop.device().disconnect();
    agent.device().disconnect();

    assertThatCode(
            () -> {
              events.toUser(ALICE, someEvent(1));
              events.toStaff(supportUpdate(1));
            })
        .doesNotThrowAnyException();

    Subscriber back = device(ALICE);
    Subscriber agentBack = staffDevice(AGENT);
    ChatEvent welcome = someEvent(2);
    ChatEvent desk = supportUpdate(2);
    events.toUser(ALICE, welcome);
    events.toStaff(desk);
    settle(back, agentBack);
    assertThat(eventsOf(back)).containsExactly(seen(welcome));
    assertThat(eventsOf(agentBack)).containsExactly(seen(desk));
    assertThat(eventsOf(phone)).isEmpty();
    assertThat(eventsOf(laptop)).isEmpty();
    assertThat(eventsOf(agent)).isEmpty();
  }

  @Test
  void devicesOfOneUserConnectingAtOnceAllReceive() {
    List<Subscriber> alice =
        Concurrently.call(8, i -> CompletableFuture.completedFuture(device(ALICE)));
    List<Subscriber> staff =
        Concurrently.call(4, i -> CompletableFuture.completedFuture(staffDevice(AGENT)));
    ChatEvent event = someEvent(1);
    ChatEvent desk = supportUpdate(1);

    events.toUser(ALICE, event);
    events.toStaff(desk);

    settle(alice);
    settle(staff);
    for (Subscriber device : alice) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(event));
    }
    for (Subscriber device : staff) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(desk));
    }
  }

  @Test
  void devicesOfOneUserLeavingAtOnceLeaveTheOthersReceiving() {
    List<Subscriber> alice = new ArrayList<>();
    List<Subscriber> staff = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alice.add(device(ALICE));
      staff.add(staffDevice(AGENT));
    }

    Concurrently.call(
        12,
        i -> {
          (i < 6 ? alice.get(i) : staff.get(i - 6)).device().disconnect();
          return CompletableFuture.completedFuture(i);
        });
    ChatEvent event = someEvent(1);
    ChatEvent desk = supportUpdate(1);
    events.toUser(ALICE, event);
    events.toStaff(desk);

    settle(alice.subList(6, 8));
    settle(staff.subList(6, 8));
    for (Subscriber device : alice.subList(6, 8)) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(event));
    }
    for (Subscriber device : staff.subList(6, 8)) {
      assertThat(eventsOf(device)).as(device.toString()).containsExactly(seen(desk));
    }
    for (Subscriber gone : alice.subList(0, 6)) {
      assertThat(eventsOf(gone)).as(gone.toString()).isEmpty();
    }
  }

  @Test
  void manyPublishersAtOnceLoseNothingAndKeepEachOnesOrder() {
    List<Subscriber> alice = List.of(device(ALICE), device(ALICE));
    List<Subscriber> bob = List.of(device(BOB));
    Subscriber carol = device(CAROL);
    Subscriber agent = staffDevice(AGENT);
    int publishers = 8;
    int each = 30;

    // Publisher p sends its events n = 0..each-1 in turn to alice, to bob and to staff.
    List<Map<UserId, List<ChatEvent>>> sent =
        Concurrently.call(
            publishers,
            p -> {
              Map<UserId, List<ChatEvent>> mine = new LinkedHashMap<>();
              for (int n = 0; n < each; n++) {
                ChatEvent event = new ChatEvent.ChatCleared(chat, p * 1_000L + n);
                UserId to = List.of(ALICE, BOB, AGENT).get(n % 3);
                mine.computeIfAbsent(to, u -> new ArrayList<>()).add(event);
                if (to.equals(AGENT)) {
                  events.toStaff(event);
                } else {
                  events.toUser(to, event);
                }
              }
              return CompletableFuture.completedFuture(mine);
            });

    settle(alice);
    settle(bob);
    settle(carol, agent);
    assertReceivedEachPublishersInOrder(alice, sent, ALICE);
    assertReceivedEachPublishersInOrder(bob, sent, BOB);
    assertReceivedEachPublishersInOrder(List.of(agent), sent, AGENT);
    assertThat(eventsOf(carol)).isEmpty();
  }

  @Test
  void aDeviceReceivesEverythingWhileOtherDevicesOfItsUserComeAndGo() {
    Subscriber staying = device(ALICE);
    List<ChatEvent> published = new ArrayList<>();
    for (int n = 0; n < 150; n++) {
      published.add(someEvent(n));
    }

    Concurrently.call(
        2,
        i -> {
          if (i == 0) {
            published.forEach(event -> events.toUser(ALICE, event));
          } else {
            for (int round = 0; round < 10; round++) {
              device(ALICE).device().disconnect();
            }
          }
          return CompletableFuture.completedFuture(i);
        });
    Subscriber latecomer = device(ALICE);
    ChatEvent last = typing(BOB, false);
    events.toUser(ALICE, last);

    settle(staying, latecomer);
    List<ChatEvent> all = new ArrayList<>(published);
    all.add(last);
    assertThat(eventsOf(staying)).containsExactlyElementsOf(seen(all));
    assertThat(eventsOf(latecomer)).containsExactly(seen(last));
  }

  /** A connected device and whose it is. */
  private record Subscriber(UserId user, boolean staff, Device device) {
    @Override
    public String toString() {
      return (staff ? "staff device of " : "device of ") + user;
    }
  }

  private Subscriber device(UserId user) {
    return new Subscriber(user, false, realtime.connect(user));
  }

  private Subscriber staffDevice(UserId member) {
    return new Subscriber(member, true, realtime.connectStaff(member));
  }

  /**
   * Waits until every event published so far to these devices has arrived: publishes a marker to
   * each of their users and waits for it on each device.
   */
  private void settle(Subscriber... devices) {
    settle(List.of(devices));
  }

  private void settle(List<Subscriber> devices) {
    Map<UserId, Object> marks = new LinkedHashMap<>();
    for (Subscriber subscriber : devices) {
      marks.computeIfAbsent(
          subscriber.user(),
          user -> {
            ChatEvent marker = new ChatEvent.ChatCleared(markerChat, nextMarker++);
            Object observed = realtime.observed(marker);
            markers.add(observed);
            events.toUser(user, marker);
            return observed;
          });
    }
    for (Subscriber subscriber : devices) {
      subscriber.device().awaitReceived(marks.get(subscriber.user()));
    }
  }

  /** What the device received, without the suite's markers. */
  private List<Object> eventsOf(Subscriber subscriber) {
    return subscriber.device().received().stream().filter(o -> !markers.contains(o)).toList();
  }

  private Object seen(ChatEvent event) {
    return realtime.observed(event);
  }

  private List<Object> seen(List<ChatEvent> published) {
    return published.stream().map(this::seen).toList();
  }

  private void assertReceivedEachPublishersInOrder(
      List<Subscriber> devices, List<Map<UserId, List<ChatEvent>>> sent, UserId audience) {
    List<Object> all = new ArrayList<>();
    sent.forEach(publisher -> all.addAll(seen(publisher.getOrDefault(audience, List.of()))));
    assertThat(all).as("the suite published to %s", audience).hasSize(sent.size() * 10);
    for (Subscriber device : devices) {
      List<Object> received = eventsOf(device);
      assertThat(received).as(device.toString()).containsExactlyInAnyOrderElementsOf(all);
      for (Map<UserId, List<ChatEvent>> publisher : sent) {
        List<Object> theirs = seen(publisher.get(audience));
        assertThat(received.stream().filter(theirs::contains).toList())
            .as("%s, one publisher's events", device)
            .containsExactlyElementsOf(theirs);
      }
    }
  }

  private ChatEvent typing(UserId from, boolean isTyping) {
    return new ChatEvent.Typing(from, chat, isTyping);
  }

  private ChatEvent supportUpdate(long unread) {
    return new ChatEvent.SupportChatUpdate(
        chat,
        ALICE,
        SupportStatus.OPEN,
        Optional.of(AGENT),
        Optional.of("help " + unread),
        Times.atMillis(unread),
        unread);
  }

  /** The {@code n}-th of a mix of events to a user, each different from the others. */
  private ChatEvent someEvent(long n) {
    return switch ((int) (n % 4)) {
      case 0 -> new ChatEvent.ChatCleared(chat, n);
      case 1 -> new ChatEvent.ChatUpdate(chat, Optional.of("message " + n), Times.atMillis(n), n);
      case 2 -> new ChatEvent.Seen(BOB, chat, ids.newMessageId(), n);
      default -> new ChatEvent.UserOnline(UserId.of("user-" + n));
    };
  }

  /** One event of each kind, with every optional field present and absent. */
  private List<ChatEvent> everyKindOfEvent() {
    MessageView fromAlice =
        new MessageView(
            ids.newMessageId(),
            chat,
            ALICE,
            "hello, \"bob\" \\ ✓ <b>&amp;</b>\nbye",
            Times.atMillis(1_234),
            7,
            false,
            Optional.of(ClientMessageId.of("c-7")));
    MessageView fromBob =
        new MessageView(
            ids.newMessageId(), chat, BOB, "hi", Times.atMillis(5_678), 8, true, Optional.empty());
    MessageView systemEntry =
        new MessageView(
            ids.newMessageId(),
            chat,
            ALICE,
            "",
            Times.atMillis(6_000),
            9,
            false,
            Optional.empty(),
            Optional.of(
                new SystemEvent(
                    SystemEvent.Type.GROUP_UPDATED,
                    ALICE,
                    List.of(BOB),
                    Optional.of(GroupRole.ADMIN),
                    Optional.of("Climbers"),
                    List.of("name", "description"))),
            List.of());
    MessageView mentioning =
        new MessageView(
            ids.newMessageId(),
            chat,
            BOB,
            "@alice @carol",
            Times.atMillis(6_001),
            10,
            false,
            Optional.of(ClientMessageId.of("c-10")),
            Optional.empty(),
            List.of(ALICE, CAROL));
    MessageView revised =
        new MessageView(
            ids.newMessageId(),
            chat,
            BOB,
            "edited, with a quote and reactions",
            Times.atMillis(6_002),
            11,
            false,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            new MessageView.Lifecycle(
                4,
                Optional.of(Times.atMillis(7_000)),
                false,
                false,
                Optional.of(new ReplyPreview(fromAlice.id(), 7, ALICE, "hello", false)),
                true,
                List.of(new ReactionView("👍", 2, false), new ReactionView("🇫🇷", 1, true)),
                Optional.of(new Pin(ALICE, Times.atMillis(7_001)))));
    MessageView tombstone =
        new MessageView(
            ids.newMessageId(),
            chat,
            BOB,
            "",
            Times.atMillis(6_003),
            12,
            false,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            new MessageView.Lifecycle(
                5,
                Optional.empty(),
                true,
                false,
                Optional.of(new ReplyPreview(fromBob.id(), 8, BOB, "", true)),
                false,
                List.of(),
                Optional.empty()));
    return List.of(
        new ChatEvent.MessageNew(chat, fromBob),
        new ChatEvent.MessageSent(chat, fromAlice),
        new ChatEvent.MessageChanged("edited", chat, revised, BOB, Optional.empty()),
        new ChatEvent.MessageChanged("deleted", chat, tombstone, BOB, Optional.empty()),
        new ChatEvent.MessageChanged(
            "reaction", chat, revised, ALICE, Optional.of(new ChatEvent.Reacted("👍", true))),
        new ChatEvent.MessageChanged(
            "reaction", chat, revised, ALICE, Optional.of(new ChatEvent.Reacted("🇫🇷", false))),
        new ChatEvent.MessageNew(chat, systemEntry),
        new ChatEvent.MessageNew(chat, mentioning),
        new ChatEvent.ChatUpdate(chat, Optional.of("hello"), Times.atMillis(1_234), 3),
        new ChatEvent.ChatUpdate(chat, Optional.empty(), Times.atMillis(1_235), 0),
        new ChatEvent.ChatUpdate(
            chat, Optional.of("in a group"), Times.atMillis(1_236), OptionalLong.empty()),
        new ChatEvent.MembersChanged(chat, "added", ALICE, List.of(BOB, CAROL), Optional.empty()),
        new ChatEvent.MembersChanged(
            chat, "role", ALICE, List.of(BOB), Optional.of(GroupRole.ADMIN)),
        new ChatEvent.GroupUpdated(
            chat,
            new Group(
                new GroupProfile(
                    "Climbers",
                    Optional.of("Weekends"),
                    Optional.of("https://example.com/climbers.png")),
                true,
                3)),
        new ChatEvent.GroupUpdated(chat, new Group(GroupProfile.named("Plain"), false, 2)),
        new ChatEvent.Seen(BOB, chat, fromBob.id(), 8),
        new ChatEvent.Delivered(BOB, chat, 8),
        new ChatEvent.ChatArchived(chat, true),
        new ChatEvent.ChatArchived(chat, false),
        new ChatEvent.Typing(BOB, chat, true),
        new ChatEvent.Typing(BOB, chat, false),
        new ChatEvent.ChatCleared(chat, 8),
        new ChatEvent.UserOnline(BOB),
        new ChatEvent.UserOffline(BOB),
        new ChatEvent.SupportMessageNew(chat, ALICE, fromAlice),
        new ChatEvent.SupportChatUpdate(
            chat,
            ALICE,
            SupportStatus.OPEN,
            Optional.of(AGENT),
            Optional.of("help"),
            Times.atMillis(9_000),
            2),
        new ChatEvent.SupportChatUpdate(
            chat,
            BOB,
            SupportStatus.RESOLVED,
            Optional.empty(),
            Optional.empty(),
            Times.atMillis(9_001),
            0));
  }
}
