package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Calls in the browser client, in headless Chromium with fake camera and microphone, against the
 * real jar: Alice calls Bob, who accepts on one of his two pages, both peer connections connect and
 * media flow, and the hang-up leaves the call in both timelines; a declined call; a call nobody
 * answers rings out as missed, on a phone; a call that goes on while either side's socket drops and
 * comes back; a call whose proposed id the server replaced with its own.
 */
class BrowserCallIT {
  /** Calls take longer than chats on a busy machine: media, two peers, ICE. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A call's length as the client writes it, whatever the machine's speed: m:ss. */
  private static final String DURATION = "\\d+:\\d\\d";

  /**
   * The page's peer connections, kept by a wrapper installed before the client's scripts, with how
   * many offers each made and how many remote descriptions it took.
   */
  private static final String TRACK_PEER_CONNECTIONS =
      "(() => {"
          + " const Native = window.RTCPeerConnection; const all = [];"
          + " class Tracked extends Native {"
          + "   constructor(...args) {"
          + "     super(...args); this.offersMade = 0; this.remoteDescriptions = 0; all.push(this);"
          + "   }"
          + "   createOffer(...args) { this.offersMade += 1; return super.createOffer(...args); }"
          + "   setRemoteDescription(...args) {"
          + "     this.remoteDescriptions += 1; return super.setRemoteDescription(...args);"
          + "   }"
          + " }"
          + " window.RTCPeerConnection = Tracked;"
          + " window.__peerConnections = all;"
          + "})();";

  @TempDir Path dataDir;
  @TempDir Path profiles;

  @BeforeEach
  void chromiumIsThere() {
    Chromium.requireOrSkip("BrowserCallIT");
  }

  @Test
  void anAcceptedVideoCallConnectsBothPeersAndEndsInBothTimelines() throws Exception {
    try (ServerProcess server = startServer();
        CallPage alice = new CallPage(profiles.resolve("alice"));
        CallPage bob = new CallPage(profiles.resolve("bob"));
        CallPage bobsTablet = new CallPage(profiles.resolve("bob-tablet"))) {
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      bobsTablet.signIn(server.base(), "bob");
      alice.openChatWith("bob");
      alice.sendStored("Can we talk?");
      bob.click(By.cssSelector("[data-testid=chat-item][data-other-id=alice]"));
      bob.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "alice"));

      alice.click(By.id("call-video-button"));
      alice.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "outgoing"));
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      bob.textBecomes(By.id("call-peer-name"), "Alice Martin");
      bob.textBecomes(By.id("call-kind"), "Video call");
      assertThat(alice.attribute(By.id("call-audio-button"), "disabled"))
          .as("no second call while one rings")
          .isEqualTo("true");

      bobsTablet.until(
          ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));

      bob.click(By.id("call-accept-button"));
      // Bob's other page stops ringing, and takes no part in the call.
      bobsTablet.textBecomes(By.id("call-status"), "Answered on another device");
      bobsTablet.until(
          ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "ended"));
      assertThat(bobsTablet.connectionStates()).isEmpty();
      for (CallPage side : List.of(alice, bob)) {
        side.until(d -> side.connectionStates().contains("connected"));
        side.until(
            ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "connected"));
        // Sound and pictures arrive from the other side's fake microphone and camera.
        side.until(d -> side.packetsReceived("audio") > 0 && side.packetsReceived("video") > 0);
        side.until(d -> side.remoteVideoWidth() > 0);
      }
      assertThat(alice.connectionStates()).as("one peer connection per call").hasSize(1);
      assertThat(bob.connectionStates()).hasSize(1);
      alice.screenshot("browser-call-alice.png");

      // Alice mutes and turns her camera off: her tracks stop and Bob is told.
      alice.click(By.id("call-mute-button"));
      bob.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("call-remote-state"), "Alice Martin is muted"));
      assertThat(
              alice.js(
                  "const tracks = document.getElementById('call-local-video').srcObject"
                      + ".getAudioTracks(); return tracks.length > 0 && tracks.every((t) => !t.enabled);"))
          .as("a muted microphone sends nothing")
          .isEqualTo(true);
      alice.click(By.id("call-camera-button"));
      bob.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("call-remote-state"), "camera off"));
      assertThat(alice.attribute(By.id("call-camera-button"), "data-enabled")).isEqualTo("false");
      alice.click(By.id("call-camera-button"));
      bob.until(d -> !d.findElement(By.id("call-remote-state")).getText().contains("camera off"));

      bob.click(By.id("call-hangup-button"));
      for (CallPage side : List.of(alice, bob)) {
        side.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "ended"));
        side.until(d -> side.connectionStates().equals(List.of("closed")));
        By entry =
            By.cssSelector(
                "[data-testid=call-entry][data-outcome=completed][data-call-type=video]");
        side.until(
            ExpectedConditions.textMatches(
                By.cssSelector(
                    "[data-testid=call-entry][data-outcome=completed] [data-testid=call-entry-text]"),
                Pattern.compile("Video call · " + DURATION)));
        assertThat(side.find(entry).getAttribute("data-caller")).isEqualTo("alice");
      }
      alice.screenshot("browser-call-log-alice.png");
      // The log entry comes after the message, in seq order, and leads the list.
      List<String> order =
          alice.contents(
              By.cssSelector(
                  "#message-list > li [data-testid=message-text],"
                      + " #message-list > li [data-testid=call-entry-text]"));
      assertThat(order).hasSize(2);
      assertThat(order.get(0)).isEqualTo("Can we talk?");
      assertThat(order.get(1)).startsWith("Video call · ");
      alice.until(
          ExpectedConditions.textMatches(
              By.cssSelector(
                  "[data-testid=chat-item][data-other-id=bob] [data-testid=chat-item-preview]"),
              Pattern.compile("Video call · " + DURATION)));
      alice.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "hidden", "true"));
      assertThat(alice.attribute(By.id("call-audio-button"), "disabled")).isNull();

      String log = server.output();
      assertThat(log).as("no SDP in the server's log").doesNotContain("a=fingerprint");
      assertThat(log).doesNotContain("a=ice-ufrag").doesNotContain("candidate:");
    }
  }

  /**
   * A declined call, logged on both sides: on Alice's other page too, which shows the chat before
   * the call gave it an id (the entry comes to her pages as message:sent).
   */
  @Test
  void aDeclinedCallIsLoggedOnBothSides() throws Exception {
    try (ServerProcess server = startServer();
        CallPage alice = new CallPage(profiles.resolve("alice"));
        CallPage alicesLaptop = new CallPage(profiles.resolve("alice-laptop"));
        CallPage bob = new CallPage(profiles.resolve("bob"))) {
      alice.signIn(server.base(), "alice");
      alicesLaptop.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      // A chat with no message yet: the call creates it.
      alice.openChatWith("bob");
      alicesLaptop.openChatWith("bob");

      alice.click(By.id("call-audio-button"));
      alicesLaptop.until(
          ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "elsewhere"));
      alicesLaptop.textBecomes(By.id("call-status"), "Calling on another device…");
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      bob.textBecomes(By.id("call-kind"), "Voice call");
      bob.click(By.id("call-reject-button"));

      alice.endedAs("rejected", "Bob Chen declined");
      alice.until(d -> alice.connectionStates().equals(List.of("closed")));
      assertThat(bob.connectionStates()).as("Bob never set media up").isEmpty();
      alice.textBecomes(
          By.cssSelector(
              "[data-testid=call-entry][data-outcome=rejected] [data-testid=call-entry-text]"),
          "Voice call · Declined");
      alicesLaptop.textBecomes(
          By.cssSelector(
              "[data-testid=call-entry][data-outcome=rejected] [data-testid=call-entry-text]"),
          "Voice call · Declined");
      assertThat(alicesLaptop.connectionStates())
          .as("a page not in the call has no media")
          .isEmpty();

      By bobsRow = By.cssSelector("[data-testid=chat-item][data-other-id=alice]");
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-preview]"),
          "Declined voice call");
      bob.click(bobsRow);
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=call-entry][data-outcome=rejected] [data-testid=call-entry-text]"),
          "Declined voice call");
      assertThat(bob.contents(By.cssSelector("[data-testid=call-entry]"))).hasSize(1);
    }
  }

  @Test
  void aCallNobodyAnswersRingsOutAsMissed() throws Exception {
    try (ServerProcess server = startServer("--call-ring-timeout", "20");
        CallPage alice = new CallPage(profiles.resolve("alice"));
        CallPage bob = new CallPage(profiles.resolve("bob"))) {
      // Bob is on a phone, looking at his list: the call shows over it.
      bob.phone(390, 844);
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      alice.openChatWith("bob");
      alice.sendStored("Ringing you");

      alice.click(By.id("call-audio-button"));
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      bob.assertInsideTheScreen(By.id("call-accept-button"), By.id("call-reject-button"));
      bob.screenshot("browser-call-bob-phone.png");
      // Nobody answers: the server's ring timeout ends it on both pages.
      alice.endedAs("missed", "No answer");
      bob.endedAs("missed", "Missed call");
      alice.textBecomes(
          By.cssSelector(
              "[data-testid=call-entry][data-outcome=missed] [data-testid=call-entry-text]"),
          "Voice call · No answer");

      By preview =
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-preview]");
      bob.textBecomes(preview, "Missed voice call");
      // The missed call counts as unread at once, after the message before it.
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]"),
          "2");
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "hidden", "true"));
      bob.click(By.cssSelector("[data-testid=chat-item][data-other-id=alice]"));
      By missed = By.cssSelector("[data-testid=call-entry][data-outcome=missed]");
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=call-entry][data-outcome=missed] [data-testid=call-entry-text]"),
          "Missed voice call");
      assertThat(bob.find(missed).getAttribute("data-missed")).isEqualTo("true");
      assertThat(alice.find(missed).getAttribute("data-missed")).isEqualTo("false");
    }
  }

  /**
   * Either side's socket drops during a call and comes back: the page sends call:accept again from
   * its new connection, and the caller's page offers anew (an ICE restart on the same peer
   * connection), whether it was the caller's socket that dropped (its own ack says accepted, and
   * the callee's page hears call:rejoined and answers the new offer in place of the old one) or the
   * callee's (the server tells the caller call:accept again). The call goes on, and ends completed.
   */
  @Test
  void aCallGoesOnWhenEitherSideReconnects() throws Exception {
    try (ServerProcess server = startServer();
        CallPage alice = new CallPage(profiles.resolve("alice"));
        CallPage bob = new CallPage(profiles.resolve("bob"))) {
      alice.holdableSockets();
      bob.holdableSockets();
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      alice.openChatWith("bob");
      alice.sendStored("Call me back");
      alice.click(By.id("call-audio-button"));
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      bob.click(By.id("call-accept-button"));
      for (CallPage side : List.of(alice, bob)) {
        side.until(
            ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "connected"));
      }
      alice.until(d -> alice.count("remoteDescriptions") == 1);
      assertThat(alice.count("offersMade")).isEqualTo(1);

      assertThat(bob.attribute(By.id("call-panel"), "data-rejoins")).isEqualTo("0");
      int offers = 1;
      for (CallPage dropped : List.of(alice, bob)) {
        dropped.js("window.__sockets.hold();");
        dropped.find(By.cssSelector("#connection-status[data-state=offline]"));
        dropped.js("window.__sockets.release();");
        dropped.find(By.cssSelector("#connection-status[data-state=online]"));
        offers += 1;
        int expected = offers;
        // A new offer, taken by Bob's page, answered, and the answer taken by Alice's.
        alice.until(d -> alice.count("offersMade") == expected);
        bob.until(d -> bob.count("remoteDescriptions") == expected);
        alice.until(
            d ->
                alice.count("remoteDescriptions") == expected
                    && "stable".equals(alice.peer("signalingState")));
        // Alice came back: Bob's page heard call:rejoined (once; Bob coming back is told to Alice's
        // page as call:accept) and took her new offer on its one peer connection.
        assertThat(bob.attribute(By.id("call-panel"), "data-rejoins")).isEqualTo("1");
        assertThat(alice.attribute(By.id("call-panel"), "data-rejoins")).isEqualTo("0");
        for (CallPage side : List.of(alice, bob)) {
          assertThat(side.attribute(By.id("call-panel"), "data-state")).isEqualTo("connected");
          side.until(d -> side.connectionStates().equals(List.of("connected")));
          long before = side.packetsReceived("audio");
          side.until(d -> side.packetsReceived("audio") > before);
        }
      }

      alice.click(By.id("call-hangup-button"));
      for (CallPage side : List.of(alice, bob)) {
        side.until(
            ExpectedConditions.attributeToBe(By.id("call-panel"), "data-outcome", "completed"));
        side.until(d -> side.connectionStates().equals(List.of("closed")));
      }
      bob.click(By.cssSelector("[data-testid=chat-item][data-other-id=alice]"));
      for (CallPage side : List.of(alice, bob)) {
        side.until(
            ExpectedConditions.textMatches(
                By.cssSelector(
                    "[data-testid=call-entry][data-outcome=completed] [data-testid=call-entry-text]"),
                Pattern.compile("Voice call · " + DURATION)));
        assertThat(side.contents(By.cssSelector("[data-testid=call-entry]"))).hasSize(1);
      }
    }
  }

  /**
   * Alice's page proposes, for her call, the id of a call of Bob's (ended, but the server still
   * knows it): the server places her call under a fresh id, and her page follows the invite's ack,
   * so that Bob's accept, the offer and the hang-up all reach the call.
   */
  @Test
  void aCallWhoseProposedIdIsTakenGoesOnUnderTheServersId() throws Exception {
    String taken = "taken-call-id-1";
    try (ServerProcess server = startServer();
        CallPage alice = new CallPage(profiles.resolve("alice"));
        CallPage bob = new CallPage(profiles.resolve("bob"))) {
      alice.proposedCallIds();
      bob.proposedCallIds();
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      alice.openChatWith("bob");
      bob.openChatWith("alice");

      // Bob's call gets the id first; he cancels it while it rings.
      bob.propose(taken);
      bob.click(By.id("call-audio-button"));
      alice.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      assertThat(alice.attribute(By.id("call-panel"), "data-call-id")).isEqualTo(taken);
      bob.textBecomes(By.id("call-status"), "Ringing…");
      bob.click(By.id("call-hangup-button"));
      bob.endedAs("cancelled", "Cancelled");
      alice.endedAs("cancelled", "Missed call");
      for (CallPage side : List.of(alice, bob)) {
        side.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "hidden", "true"));
      }

      alice.propose(taken);
      alice.click(By.id("call-audio-button"));
      bob.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "incoming"));
      String callId = bob.attribute(By.id("call-panel"), "data-call-id");
      assertThat(callId).as("the server's own id").isNotEmpty().isNotEqualTo(taken);
      alice.until(ExpectedConditions.attributeToBe(By.id("call-panel"), "data-call-id", callId));
      bob.click(By.id("call-accept-button"));
      for (CallPage side : List.of(alice, bob)) {
        side.until(
            ExpectedConditions.attributeToBe(By.id("call-panel"), "data-state", "connected"));
        side.until(d -> side.packetsReceived("audio") > 0);
      }
      alice.click(By.id("call-hangup-button"));
      By completed = By.cssSelector("[data-testid=call-entry][data-outcome=completed]");
      for (CallPage side : List.of(alice, bob)) {
        side.until(
            ExpectedConditions.attributeToBe(By.id("call-panel"), "data-outcome", "completed"));
        side.until(d -> side.connectionStates().stream().allMatch("closed"::equals));
        side.until(
            ExpectedConditions.textMatches(
                By.cssSelector(
                    "[data-testid=call-entry][data-outcome=completed] [data-testid=call-entry-text]"),
                Pattern.compile("Voice call · " + DURATION)));
        assertThat(side.find(completed).getAttribute("data-call-id")).isEqualTo(callId);
      }
    }
  }

  private ServerProcess startServer(String... settings) throws IOException {
    return Browser.startServer(dataDir, settings);
  }

  /** A browser session with a fake camera and microphone, and its peer connections in view. */
  private static final class CallPage extends Browser {
    CallPage(Path profile) {
      super(
          profile,
          WAIT,
          // A camera and a microphone that exist, and no permission prompt.
          "--use-fake-device-for-media-stream",
          "--use-fake-ui-for-media-stream",
          "--autoplay-policy=no-user-gesture-required",
          // Both pages are on this machine: plain host candidates, the loopback one included.
          "--disable-features=WebRtcHideLocalIpsWithMdns",
          "--allow-loopback-in-peer-connection");
      onEveryPage(TRACK_PEER_CONNECTIONS);
    }

    /**
     * Lets the test choose the {@code callId} the page proposes in its next {@code call:invite}
     * (see {@link #propose}): the frame is rewritten on its way out.
     */
    void proposedCallIds() {
      onEveryPage(
          "(() => {"
              + " const send = WebSocket.prototype.send;"
              + " WebSocket.prototype.send = function (frame) {"
              + "   const id = window.__proposeCallId;"
              + "   if (id && typeof frame === 'string' && frame.includes('\"call:invite\"')) {"
              + "     const parsed = JSON.parse(frame);"
              + "     if (parsed.event === 'call:invite' && parsed.data) {"
              + "       parsed.data.callId = id; window.__proposeCallId = null;"
              + "       frame = JSON.stringify(parsed);"
              + "     }"
              + "   }"
              + "   return send.call(this, frame);"
              + " };"
              + "})();");
    }

    /** The page's next invite proposes {@code callId}. */
    void propose(String callId) {
      js("window.__proposeCallId = arguments[0];", callId);
    }

    /** Sends {@code text} and waits until it is stored. */
    void sendStored(String text) {
      send(text);
      messageId(text);
    }

    /**
     * The call panel says the call ended with {@code outcome}, and {@code status} (shown for a few
     * seconds: both read at once).
     */
    void endedAs(String outcome, String status) {
      until(
          d ->
              outcome.equals(d.findElement(By.id("call-panel")).getAttribute("data-outcome"))
                  && status.equals(d.findElement(By.id("call-status")).getText()));
    }

    /** {@code connectionState} of each RTCPeerConnection the page made, read from the objects. */
    List<String> connectionStates() {
      Object states =
          js("return (window.__peerConnections || []).map((pc) => pc.connectionState);");
      return ((List<?>) states).stream().map(String::valueOf).toList();
    }

    /**
     * A property of the page's latest peer connection: {@code signalingState}, or what the wrapper
     * counts ({@code offersMade}, {@code remoteDescriptions}).
     */
    Object peer(String property) {
      return js("return window.__peerConnections.at(-1)[arguments[0]];", property);
    }

    long count(String property) {
      return ((Number) peer(property)).longValue();
    }

    /** RTP packets of {@code kind} the page's latest peer connection received, from its stats. */
    long packetsReceived(String kind) {
      Object packets =
          jsAsync(
              "const kind = arguments[0]; const done = arguments[arguments.length - 1];"
                  + " window.__peerConnections.at(-1).getStats().then((stats) => {"
                  + "   let n = 0;"
                  + "   stats.forEach((s) => {"
                  + "     if (s.type === 'inbound-rtp' && s.kind === kind) n += s.packetsReceived;"
                  + "   });"
                  + "   done(n); });",
              kind);
      return ((Number) packets).longValue();
    }

    /** The width of the picture the call panel shows of the other side, 0 before one arrives. */
    long remoteVideoWidth() {
      return ((Number) js("return document.getElementById('call-remote-video').videoWidth;"))
          .longValue();
    }
  }
}
