package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser client in headless Chromium against the real jar: two users in two browser sessions
 * chat, see each other typing and see their messages read, mute, block and unblock; three users
 * share a group; a phone's screen holds the list whatever the length of a preview; and the message
 * menu follows the rules the server tells.
 */
class BrowserClientIT {
  @TempDir Path dataDir;
  @TempDir Path profiles;

  @BeforeEach
  void chromiumIsThere() {
    Chromium.requireOrSkip("BrowserClientIT");
  }

  @Test
  void twoUsersChatAndSeeTypingAndReadMarks() throws Exception {
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"));
        Browser bob = new Browser(profiles.resolve("bob"))) {
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      assertThat(alice.text(By.id("current-user"))).isEqualTo("Alice Martin");
      assertThat(bob.text(By.id("current-user"))).isEqualTo("Bob Chen");

      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-bob"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "bob"));
      String markup = "<b>Hello Bob</b> & <script>alert(1)</script>";
      alice.send(markup);

      By unread =
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]");
      bob.textBecomes(unread, "1");
      // Bob has not opened the chat yet: Alice's message reached his page (delivered), not seen.
      By deliveredTicks =
          By.cssSelector(
              "[data-testid=message][data-own=true][data-state=delivered]"
                  + " [data-testid=message-ticks]");
      alice.until(ExpectedConditions.attributeToBe(deliveredTicks, "aria-label", "Delivered"));
      alice.textBecomes(deliveredTicks, "✓✓");
      String deliveredColour = alice.find(deliveredTicks).getCssValue("color");
      assertThat(alice.text(By.cssSelector("[data-testid=message][data-own=true] time")))
          .as("a clock time without a leading zero")
          .matches("[1-9]\\d?:\\d\\d\\W*[AP]M");
      assertThat(alice.clock(2024, 1, 2, 1, 6)).isEqualTo("1:06 AM");
      assertThat(alice.clock(2024, 1, 2, 13, 5)).isEqualTo("1:05 PM");

      bob.click(By.cssSelector("[data-testid=chat-item][data-other-id=alice]"));
      By received =
          By.cssSelector("[data-testid=message][data-own=false] [data-testid=message-text]");
      bob.textBecomes(received, markup);
      List<WebElement> bold = bob.until(d -> d.findElement(received).findElements(By.tagName("b")));
      assertThat(bold).as("text, never HTML").isEmpty();

      By seenTicks =
          By.cssSelector(
              "[data-testid=message][data-own=true][data-state=seen] [data-testid=message-ticks]");
      alice.until(ExpectedConditions.attributeToBe(seenTicks, "aria-label", "Seen"));
      alice.textBecomes(seenTicks, "✓✓");
      // Not another tint of the same faint white (the old pale blue was 73 away from it).
      String seenColour = alice.find(seenTicks).getCssValue("color");
      assertThat(colourDistance(deliveredColour, seenColour))
          .as("seen ticks (%s) stand out from delivered ones (%s)", seenColour, deliveredColour)
          .isGreaterThan(100);

      // The open chat's row keeps its avatar circle: not the row's own colour.
      By selected = By.cssSelector("[data-testid=chat-item][aria-current=true]");
      String rowColour = bob.find(selected).getCssValue("background-color");
      String avatarColour =
          bob.find(By.cssSelector("[data-testid=chat-item][aria-current=true] .avatar"))
              .getCssValue("background-color");
      assertThat(avatarColour).isNotEqualTo(rowColour).isNotEqualTo("rgba(0, 0, 0, 0)");

      bob.type("Hi Alice, typing");
      By typing = By.cssSelector("#typing-indicator:not([hidden])");
      alice.until(ExpectedConditions.textToBePresentInElementLocated(typing, "Bob Chen"));
      alice.until(ExpectedConditions.textToBePresentInElementLocated(typing, "typing"));
      By bobsPreview =
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=bob] [data-testid=chat-item-preview]");
      alice.textBecomes(bobsPreview, "typing…");
      bob.type(Keys.ENTER);
      alice.find(
          By.xpath(
              "//*[@data-testid='message' and @data-own='false']"
                  + "//*[@data-testid='message-text' and text()='Hi Alice, typing']"));
      alice.until(ExpectedConditions.attributeToBe(By.id("typing-indicator"), "hidden", "true"));
      alice.textBecomes(bobsPreview, "Hi Alice, typing");
      bob.find(By.cssSelector("[data-testid=message][data-own=true][data-state=seen]"));

      By texts = By.cssSelector("[data-testid=message] [data-testid=message-text]");
      List<String> both = List.of(markup, "Hi Alice, typing");
      Boolean aliceSeesBoth = alice.until(d -> alice.texts(texts).equals(both));
      Boolean bobSeesBoth = bob.until(d -> bob.texts(texts).equals(both));
      assertThat(aliceSeesBoth).isTrue();
      assertThat(bobSeesBoth).isTrue();

      Path shot = alice.screenshot("browser-client-alice.png");
      bob.screenshot("browser-client-bob.png");
      assertThat(Files.size(shot)).isGreaterThan(1_000);

      muteTheSupportChat(alice);
      blockAndUnblock(alice, bob);
      assertThat(server.output()).doesNotContain("Hello Bob");
    }
  }

  /** Mute turns into Unmute and back, as the server says, and a tag leaves the name its room. */
  private static void muteTheSupportChat(Browser alice) {
    alice.click(By.id("support-button"));
    alice.until(
        ExpectedConditions.attributeToBe(
            By.id("chat-view"), "data-other-id", "000000000000000000000001"));
    alice.send("Hello support");
    By supportRow = By.cssSelector("[data-testid=chat-item][data-type=admin_support]");
    alice.find(supportRow);
    By mute = By.id("mute-button");
    alice.textBecomes(mute, "Mute");
    alice.click(mute);
    alice.textBecomes(mute, "Unmute");
    alice.until(ExpectedConditions.attributeToBe(mute, "aria-pressed", "true"));
    By muted =
        By.cssSelector(
            "[data-testid=chat-item][data-type=admin_support] [data-testid=chat-item-muted]");
    alice.find(muted);

    // "Official Support", a "Support" tag, a "Muted" tag and the time share the row: the name
    // stays whole, with a gap before the first tag.
    Map<?, ?> name =
        (Map<?, ?>)
            alice.js(
                "const name = arguments[0].querySelector('[data-testid=chat-item-name]');"
                    + " const tag = name.nextElementSibling;"
                    + " return {text: name.textContent, scroll: name.scrollWidth,"
                    + " client: name.clientWidth,"
                    + " gap: tag.getBoundingClientRect().left - name.getBoundingClientRect().right};",
                alice.find(supportRow));
    assertThat(name.get("text")).isEqualTo("Official Support");
    assertThat(((Number) name.get("scroll")).longValue())
        .as("the name is not cut short: %s", name)
        .isLessThanOrEqualTo(((Number) name.get("client")).longValue());
    assertThat(((Number) name.get("gap")).doubleValue()).as("gap before the tag").isGreaterThan(6);

    // After a reload the state comes from the server.
    alice.reload();
    alice.click(supportRow);
    alice.textBecomes(mute, "Unmute");
    alice.click(mute);
    alice.textBecomes(mute, "Mute");
    alice.until(ExpectedConditions.attributeToBe(mute, "aria-pressed", "false"));
    alice.until(ExpectedConditions.numberOfElementsToBe(muted, 0));
  }

  /**
   * Blocking takes the chat (and its unread badge) off both lists at once; unblocking brings it
   * back.
   */
  private static void blockAndUnblock(Browser alice, Browser bob) {
    By bobsRow = By.cssSelector("[data-testid=chat-item][data-other-id=bob]");
    By alicesRow = By.cssSelector("[data-testid=chat-item][data-other-id=alice]");
    bob.pressEscape();
    bob.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "hidden", "true"));
    alice.click(bobsRow);
    alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "bob"));
    alice.send("Before the block");
    bob.textBecomes(
        By.cssSelector(
            "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]"),
        "1");

    alice.click(By.id("block-button"));
    alice.until(ExpectedConditions.alertIsPresent()).accept();
    alice.until(ExpectedConditions.attributeToBe(By.id("block-button"), "data-blocked", "true"));
    alice.find(By.cssSelector("#blocked-banner:not([hidden])"));
    alice.until(ExpectedConditions.numberOfElementsToBe(bobsRow, 0));
    // The blocked side, without a reload: the server no longer lists that chat, nor does the page.
    bob.until(ExpectedConditions.numberOfElementsToBe(alicesRow, 0));
    bob.until(ExpectedConditions.titleIs("Chat"));

    alice.click(By.id("unblock-button"));
    alice.find(bobsRow);
    bob.find(alicesRow);
    alice.until(ExpectedConditions.attributeToBe(By.id("block-button"), "data-blocked", "false"));
  }

  /**
   * A group of three: Alice creates it, the others see it with its system line, messages go both
   * ways with a mention, who read a message is listed, a rename and a role change show as system
   * lines, a removed member can no longer write, a member leaves and a former member deletes it.
   */
  @Test
  void threeUsersInAGroup() throws Exception {
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"));
        Browser bob = new Browser(profiles.resolve("bob"));
        Browser carol = new Browser(profiles.resolve("carol"))) {
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      carol.signIn(server.base(), "carol");

      alice.click(By.id("new-group-button"));
      alice.find(By.id("group-name-input")).sendKeys("Weekend");
      alice.click(By.id("group-member-option-bob"));
      alice.click(By.id("group-member-option-carol"));
      alice.click(By.id("group-submit"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-kind", "group"));
      alice.textBecomes(By.id("chat-title"), "Weekend");
      alice.textBecomes(By.id("chat-subtitle"), "3 members");
      String chatId = alice.find(By.id("chat-view")).getAttribute("data-chat-id");
      assertThat(chatId).isNotBlank();
      By row = By.id("chat-item-" + chatId);
      By rowName = By.cssSelector("#chat-item-" + chatId + " [data-testid=chat-item-name]");
      By rowPreview = By.cssSelector("#chat-item-" + chatId + " [data-testid=chat-item-preview]");
      By rowUnread = By.cssSelector("#chat-item-" + chatId + " [data-testid=chat-item-unread]");
      alice.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=group_created]"),
          "You created the group Weekend");

      // The others get it in their lists, with the system line as its preview.
      bob.textBecomes(rowName, "Weekend");
      bob.textBecomes(rowPreview, "Alice Martin created the group Weekend");
      assertThat(bob.find(row).getAttribute("data-type")).isEqualTo("group");
      carol.textBecomes(rowName, "Weekend");
      bob.click(row);
      bob.textBecomes(By.id("chat-title"), "Weekend");
      bob.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=group_created]"),
          "Alice Martin created the group Weekend");

      // Alice writes: Bob sees it with her name, Carol gets an unread badge and "Name: text".
      alice.send("Hello team");
      bob.textBecomes(
          By.cssSelector("[data-testid=message][data-own=false] [data-testid=message-text]"),
          "Hello team");
      bob.textBecomes(
          By.cssSelector("[data-testid=message][data-own=false] [data-testid=message-sender]"),
          "Alice Martin");
      carol.textBecomes(rowUnread, "1");
      carol.textBecomes(rowPreview, "Alice Martin: Hello team");

      // Bob has read it: Alice's ticks turn to seen, and "Read by" lists him.
      By seen = By.cssSelector("[data-testid=message][data-own=true][data-state=seen]");
      alice.find(seen);
      alice.click(
          By.cssSelector(
              "[data-testid=message][data-own=true][data-state=seen]"
                  + " [data-testid=who-read-button]"));
      alice.find(By.cssSelector("#readers-list [data-testid=reader][data-user-id=bob]"));
      assertThat(alice.texts(By.cssSelector("#readers-list [data-testid=reader-name]")))
          .containsExactly("Bob Chen");
      alice.click(By.id("readers-close"));

      // Bob types a mention: "@" offers the members; Alice sees him typing, then the mention.
      bob.type("@Al");
      bob.click(By.cssSelector("[data-testid=mention-option][data-user-id=alice]"));
      By typing = By.cssSelector("#typing-indicator:not([hidden])");
      bob.type("see you Saturday");
      alice.until(ExpectedConditions.textToBePresentInElementLocated(typing, "Bob Chen is typing"));
      alice.textBecomes(rowPreview, "Bob Chen is typing…");
      bob.type(Keys.ENTER);
      By mentionsMe = By.cssSelector("[data-testid=message][data-mentions-me=true]");
      alice.textBecomes(
          By.cssSelector("[data-testid=message][data-mentions-me=true] [data-testid=message-text]"),
          "@Alice Martin see you Saturday");
      alice.textBecomes(
          By.cssSelector("[data-testid=message][data-mentions-me=true] [data-testid=mention]"),
          "@Alice Martin");
      alice.until(ExpectedConditions.attributeToBe(By.id("typing-indicator"), "hidden", "true"));
      carol.textBecomes(rowUnread, "2");
      carol.textBecomes(rowPreview, "Bob Chen: @Alice Martin see you Saturday");
      bob.textBecomes(
          By.cssSelector("[data-testid=message][data-own=true] .mention"), "@Alice Martin");

      // The members panel: roles; Alice renames the group and makes Bob an admin.
      alice.click(By.id("members-button"));
      alice.find(
          By.cssSelector(
              "#members-list [data-testid=member][data-user-id=alice][data-role=owner]"));
      alice.find(
          By.cssSelector(
              "#members-list [data-testid=member][data-user-id=carol][data-role=member]"));
      WebElement rename = alice.find(By.id("group-rename-input"));
      rename.clear();
      rename.sendKeys("Trip");
      alice.click(By.id("group-rename-button"));
      alice.textBecomes(By.id("chat-title"), "Trip");
      bob.textBecomes(By.id("chat-title"), "Trip");
      bob.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=group_updated]"),
          "Alice Martin renamed the group to Trip");
      carol.textBecomes(rowName, "Trip");
      alice.click(By.cssSelector("[data-testid=member-role-button][data-user-id=bob]"));
      alice.find(
          By.cssSelector("#members-list [data-testid=member][data-user-id=bob][data-role=admin]"));
      bob.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=role_changed]"),
          "Alice Martin made you an admin");

      // Carol opens the group and writes; then Alice removes her: her composer closes.
      carol.click(row);
      carol.textBecomes(By.id("chat-title"), "Trip");
      carol.send("Count me in");
      alice.textBecomes(
          By.xpath(
              "(//*[@data-testid='message' and @data-own='false'])[last()]//*[@data-testid='message-text']"),
          "Count me in");
      // Carol's plain message and Bob's mention of Alice do not look alike on Alice's side.
      String plain =
          alice
              .find(By.cssSelector("[data-testid=message][data-own=false][data-mentions-me=false]"))
              .getCssValue("background-color");
      String mentioned = alice.find(mentionsMe).getCssValue("background-color");
      assertThat(mentioned).as("a mention of me is highlighted").isNotEqualTo(plain);
      alice.click(By.cssSelector("[data-testid=member-remove-button][data-user-id=carol]"));
      alice.until(ExpectedConditions.alertIsPresent()).accept();
      alice.until(
          ExpectedConditions.numberOfElementsToBe(
              By.cssSelector("#members-list [data-testid=member][data-user-id=carol]"), 0));
      alice.textBecomes(By.id("chat-subtitle"), "2 members");
      carol.until(ExpectedConditions.attributeToBe(By.id("message-input"), "disabled", "true"));
      carol.textBecomes(By.id("composer-note"), "You are no longer a member of this group.");
      assertThat(carol.find(By.id("send-button")).isEnabled()).isFalse();
      carol.until(ExpectedConditions.invisibilityOfElementLocated(By.id("leave-button")));
      bob.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=member_removed]"),
          "Alice Martin removed Carol Diaz");
      alice.click(By.id("members-close"));

      // Bob leaves; Alice sees it. Carol, no longer a member, deletes the group from her list.
      bob.click(By.id("leave-button"));
      bob.until(ExpectedConditions.alertIsPresent()).accept();
      bob.until(ExpectedConditions.attributeToBe(By.id("message-input"), "disabled", "true"));
      bob.find(By.cssSelector("#composer-note:not([hidden])"));
      alice.textBecomes(
          By.cssSelector("[data-testid=system-entry][data-event-type=member_left]"),
          "Bob Chen left");
      alice.textBecomes(By.id("chat-subtitle"), "1 member");
      alice.screenshot("browser-client-group-alice.png");
      carol.screenshot("browser-client-group-carol.png");

      carol.click(By.id("delete-chat-button"));
      carol.until(ExpectedConditions.alertIsPresent()).accept();
      carol.until(ExpectedConditions.numberOfElementsToBe(row, 0));
      carol.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "hidden", "true"));
      assertThat(server.output()).doesNotContain("see you Saturday");
    }
  }

  @Test
  void onAPhoneALongPreviewStaysInsideTheScreen() throws Exception {
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"));
        Browser carol = new Browser(profiles.resolve("carol"))) {
      carol.phone(390, 844);
      alice.signIn(server.base(), "alice");
      carol.signIn(server.base(), "carol");

      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-carol"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "carol"));
      String longText = "A long message that becomes the preview in the list. ".repeat(12).trim();
      alice.send(longText);

      By row = By.cssSelector("[data-testid=chat-item][data-other-id=alice]");
      carol.textBecomes(
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]"),
          "1");
      By preview =
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-preview]");
      carol.until(ExpectedConditions.attributeToBe(preview, "textContent", longText));
      carol.screenshot("browser-client-phone-list.png");
      carol.assertFitsTheScreen(
          By.id("switch-user"),
          By.id("support-button"),
          By.id("new-chat-button"),
          By.id("new-group-button"),
          row,
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-time]"),
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]"));
      Map<?, ?> ellipsis =
          (Map<?, ?>)
              carol.js(
                  "const p = arguments[0]; return {scroll: p.scrollWidth, client: p.clientWidth,"
                      + " overflow: getComputedStyle(p).textOverflow};",
                  carol.find(preview));
      assertThat(ellipsis.get("overflow")).isEqualTo("ellipsis");
      assertThat(((Number) ellipsis.get("scroll")).longValue())
          .as("the preview is cut with an ellipsis, not laid out in full")
          .isGreaterThan(((Number) ellipsis.get("client")).longValue());

      carol.click(row);
      carol.textBecomes(
          By.cssSelector("[data-testid=message][data-own=false] [data-testid=message-text]"),
          longText);
      carol.screenshot("browser-client-phone-chat.png");
      carol.assertFitsTheScreen(
          By.id("back-button"),
          By.id("mute-button"),
          By.id("block-button"),
          By.id("clear-button"),
          By.id("send-button"),
          By.cssSelector("[data-testid=message]"));

      // A message's menu opens inside the screen; Escape closes it and gives the focus back.
      By actions = By.cssSelector("[data-testid=message] [data-testid=message-actions-button]");
      carol.click(actions);
      carol.until(ExpectedConditions.attributeToBe(actions, "aria-expanded", "true"));
      carol.screenshot("browser-client-phone-menu.png");
      carol.assertFitsTheScreen(
          By.id("message-menu"),
          By.cssSelector("#message-menu [data-testid=menu-react]"),
          By.cssSelector("#message-menu [data-testid=menu-delete-me]"));
      assertThat(carol.js("return document.activeElement.dataset.testid")).isEqualTo("menu-react");
      carol.pressEscape();
      carol.until(ExpectedConditions.attributeToBe(By.id("message-menu"), "hidden", "true"));
      assertThat(carol.js("return document.activeElement.dataset.testid"))
          .isEqualTo("message-actions-button");
      assertThat(carol.find(By.id("chat-view")).isDisplayed()).as("the chat stays open").isTrue();
    }
  }

  /**
   * Messages that live, on two pages: Bob answers Alice's message (the quote shows on both), both
   * react (chips count on both pages, each pressed for its own), Alice edits (Bob sees the new text
   * marked edited, his answer's quote follows), Bob pins it (the pinned bar on both pages), Alice
   * deletes it for everyone (a tombstone on both, the quote says deleted, the pin goes), Bob
   * deletes his answer for himself only, and Alice forwards it into her chat with Carol.
   */
  @Test
  void messagesAreAnsweredReactedToEditedPinnedDeletedAndForwarded() throws Exception {
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"));
        Browser bob = new Browser(profiles.resolve("bob"))) {
      alice.signIn(server.base(), "alice");
      bob.signIn(server.base(), "bob");
      // A second chat of Alice's, to forward into.
      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-carol"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "carol"));
      alice.send("Hi Carol");
      alice.find(By.cssSelector("[data-testid=message][data-own=true][data-state=sent]"));

      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-bob"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "bob"));
      alice.send("Lunch at noon?");
      bob.click(By.cssSelector("[data-testid=chat-item][data-other-id=alice]"));
      String lunch = bob.messageId("Lunch at noon?");

      // Reply: the quote above the composer, then in the answer on both pages.
      bob.act(lunch, "reply");
      bob.textBecomes(By.id("reply-sender"), "Replying to Alice Martin");
      bob.textBecomes(By.id("reply-text"), "Lunch at noon?");
      bob.send("Yes, see you there");
      bob.until(ExpectedConditions.attributeToBe(By.id("reply-bar"), "hidden", "true"));
      String answer = alice.messageId("Yes, see you there");
      alice.textBecomes(part(answer, "quote-text"), "Lunch at noon?");
      alice.textBecomes(part(answer, "quote-sender"), "You");
      bob.textBecomes(part(answer, "quote-text"), "Lunch at noon?");
      bob.textBecomes(part(answer, "quote-sender"), "Alice Martin");

      // Reactions: chips with counts on both pages, each pressed for its own reaction only.
      alice.react(answer, "👍");
      By thumbs = By.cssSelector(message(answer) + " [data-testid=reaction-chip][data-emoji='👍']");
      alice.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "1"));
      bob.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "1"));
      alice.until(ExpectedConditions.attributeToBe(thumbs, "aria-pressed", "true"));
      assertThat(bob.find(thumbs).getAttribute("aria-pressed")).isEqualTo("false");
      bob.click(thumbs);
      bob.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "2"));
      bob.until(ExpectedConditions.attributeToBe(thumbs, "aria-pressed", "true"));
      alice.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "2"));
      assertThat(alice.find(thumbs).getAttribute("aria-pressed")).isEqualTo("true");
      alice.click(thumbs);
      alice.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "1"));
      alice.until(ExpectedConditions.attributeToBe(thumbs, "aria-pressed", "false"));
      bob.until(ExpectedConditions.attributeToBe(thumbs, "data-count", "1"));
      assertThat(bob.find(thumbs).getAttribute("aria-pressed")).isEqualTo("true");

      // Edit in place: Bob sees the new text, marked edited, and his answer quotes it.
      alice.act(lunch, "edit");
      WebElement editor = alice.find(part(lunch, "edit-input"));
      editor.clear();
      editor.sendKeys("Lunch at one?");
      editor.sendKeys(Keys.ENTER);
      bob.textBecomes(part(lunch, "message-text"), "Lunch at one?");
      bob.until(
          ExpectedConditions.attributeToBe(By.cssSelector(message(lunch)), "data-edited", "true"));
      bob.textBecomes(part(lunch, "message-edited"), "edited");
      bob.textBecomes(part(answer, "quote-text"), "Lunch at one?");
      alice.textBecomes(part(lunch, "message-text"), "Lunch at one?");
      alice.textBecomes(part(answer, "quote-text"), "Lunch at one?");

      // Pin: the pinned bar on both pages.
      bob.act(lunch, "pin");
      bob.textBecomes(By.id("pinned-count"), "1 pinned message");
      bob.textBecomes(By.id("pinned-latest"), "Alice Martin: Lunch at one?");
      alice.textBecomes(By.id("pinned-count"), "1 pinned message");
      alice.textBecomes(By.id("pinned-latest"), "You: Lunch at one?");
      alice.until(
          ExpectedConditions.attributeToBe(By.cssSelector(message(lunch)), "data-pinned", "true"));

      // Delete for everyone: a tombstone on both pages, the quote says so, the pin is gone.
      alice.act(lunch, "delete-everyone");
      alice.until(ExpectedConditions.alertIsPresent()).accept();
      bob.until(
          ExpectedConditions.attributeToBe(By.cssSelector(message(lunch)), "data-deleted", "true"));
      bob.textBecomes(part(lunch, "message-text"), "This message was deleted");
      alice.textBecomes(part(lunch, "message-text"), "You deleted this message");
      bob.textBecomes(part(answer, "quote-text"), "Deleted message");
      alice.textBecomes(part(answer, "quote-text"), "Deleted message");
      bob.until(ExpectedConditions.attributeToBe(By.id("pinned-bar"), "hidden", "true"));
      alice.until(ExpectedConditions.attributeToBe(By.id("pinned-bar"), "hidden", "true"));

      // Delete for me: gone from Bob's page only.
      bob.act(answer, "delete-me");
      bob.until(ExpectedConditions.alertIsPresent()).accept();
      bob.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(message(answer)), 0));
      alice.textBecomes(part(answer, "message-text"), "Yes, see you there");

      // Forward Bob's answer into the chat with Carol: a copy marked forwarded.
      alice.act(answer, "forward");
      alice.click(
          By.xpath(
              "//*[@id='forward-list']//button[@data-testid='forward-option']"
                  + "[.//*[normalize-space()='Carol Diaz']]"));
      alice.textBecomes(By.id("toast"), "Forwarded to Carol Diaz.");
      alice.click(By.cssSelector("[data-testid=chat-item][data-other-id=carol]"));
      // The chat with Carol replaces the one with Bob first: until then the text is the answer's.
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "carol"));
      alice.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(message(answer)), 0));
      String copy = alice.messageId("Yes, see you there");
      assertThat(copy).isNotEqualTo(answer);
      alice.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(message(copy)), "data-forwarded", "true"));
      alice.textBecomes(part(copy, "message-forwarded"), "Forwarded");
      assertThat(alice.find(By.cssSelector(message(copy))).getAttribute("data-own"))
          .isEqualTo("true");
      alice.screenshot("browser-client-lifecycle-alice.png");
      assertThat(server.output()).doesNotContain("Lunch at");
    }
  }

  /**
   * Status ticks go sent → delivered (Bob's page got it, before he opened the chat) → seen; Bob
   * archives the chat and a new message brings it back; search finds a message whatever its case
   * and accents, in all chats and in the open one, and opens it.
   */
  @Test
  void ticksGoFromSentToDeliveredToSeenAnArchivedChatComesBackAndSearchFindsMessages()
      throws Exception {
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"));
        Browser bob = new Browser(profiles.resolve("bob"))) {
      alice.signIn(server.base(), "alice");
      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-bob"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "bob"));
      alice.send("Are you there?");
      String first = alice.messageId("Are you there?");
      By firstTicks = part(first, "message-ticks");
      // Bob has no page open: stored, not delivered.
      alice.until(ExpectedConditions.attributeToBe(firstTicks, "aria-label", "Sent"));
      alice.textBecomes(firstTicks, "✓");

      // Bob's page loads his list: his device has the message now.
      bob.signIn(server.base(), "bob");
      alice.until(ExpectedConditions.attributeToBe(firstTicks, "aria-label", "Delivered"));
      alice.textBecomes(firstTicks, "✓✓");
      By aliceRow = By.cssSelector("[data-testid=chat-item][data-other-id=alice]");
      bob.click(aliceRow);
      alice.until(ExpectedConditions.attributeToBe(firstTicks, "aria-label", "Seen"));

      // A message that arrives while the chat is not open: delivered live, not seen.
      bob.pressEscape();
      bob.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "hidden", "true"));
      alice.send("Rendez-vous au café à midi");
      String cafe = alice.messageId("Rendez-vous au café à midi");
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-unread]"),
          "1");
      alice.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(message(cafe)), "data-state", "delivered"));

      // Archive: the chat leaves Bob's list for the Archived view; a new message brings it back.
      bob.click(aliceRow);
      bob.click(By.id("archive-button"));
      bob.textBecomes(By.id("archive-button"), "Unarchive");
      bob.until(ExpectedConditions.numberOfElementsToBe(aliceRow, 0));
      bob.textBecomes(By.id("archived-button"), "Archived (1)");
      bob.click(By.id("archived-button"));
      bob.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector("[data-testid=chat-item][data-other-id=alice]"),
              "data-archived",
              "true"));
      bob.click(By.id("archived-button"));
      bob.until(ExpectedConditions.numberOfElementsToBe(aliceRow, 0));
      bob.pressEscape();
      alice.send("Still there?");
      bob.until(ExpectedConditions.attributeToBe(aliceRow, "data-archived", "false"));
      bob.textBecomes(By.id("archived-button"), "Archived");
      bob.textBecomes(
          By.cssSelector(
              "[data-testid=chat-item][data-other-id=alice] [data-testid=chat-item-preview]"),
          "Still there?");

      // Search over all chats, newest first: case and accents do not matter.
      bob.click(By.id("support-button"));
      bob.send("Encore un café");
      bob.find(By.cssSelector("[data-testid=message][data-own=true][data-state=sent]"));
      bob.click(By.id("search-button"));
      WebElement query = bob.find(By.id("search-input"));
      query.sendKeys("CAFE", Keys.ENTER);
      bob.textBecomes(By.id("search-status"), "2 messages");
      By results = By.cssSelector("#search-results [data-testid=search-result-text]");
      assertThat(bob.contents(results))
          .containsExactly("You: Encore un café", "Alice Martin: Rendez-vous au café à midi");
      assertThat(bob.contents(By.cssSelector("#search-results [data-testid=search-result-chat]")))
          .containsExactly("Official Support", "Alice Martin");
      bob.until(ExpectedConditions.attributeToBe(By.id("search-more"), "hidden", "true"));
      // A result opens its chat there, the message focused.
      By result = By.cssSelector("#search-results [data-testid=search-result]");
      bob.click(
          By.cssSelector(
              "#search-results [data-testid=search-result][data-message-id='" + cafe + "']"));
      bob.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "alice"));
      bob.until(
          d ->
              cafe.equals(
                  bob.js(
                      "return document.activeElement && document.activeElement.dataset"
                          + " ? document.activeElement.dataset.messageId : null;")));

      // Within the open chat only.
      bob.click(By.id("chat-search-button"));
      bob.until(ExpectedConditions.elementSelectionStateToBe(By.id("search-in-chat"), true));
      query.clear();
      query.sendKeys("lunch", Keys.ENTER);
      bob.textBecomes(By.id("search-status"), "No messages found.");
      bob.until(ExpectedConditions.numberOfElementsToBe(result, 0));
      query.clear();
      query.sendKeys("café", Keys.ENTER);
      bob.textBecomes(By.id("search-status"), "1 message");
      assertThat(bob.find(result).getAttribute("data-message-id")).isEqualTo(cafe);
      bob.screenshot("browser-client-search-bob.png");
    }
  }

  /**
   * A page that lost its socket catches up when it is back: Bob edits, deletes, reacts and writes
   * (over REST) while Alice's page cannot connect; once it reconnects, her page shows each change
   * without a reload. Then a search with more results than a page brings the rest on "More".
   */
  @Test
  void aReconnectShowsWhatChangedWhileThePageWasAway() throws Exception {
    String aliceToken = ServerProcess.token(dataDir, "alice");
    String bobToken = ServerProcess.token(dataDir, "bob");
    try (ServerProcess server = startServer();
        Browser alice = new Browser(profiles.resolve("alice"))) {
      Rest bob = new Rest(server.base(), bobToken);
      JsonNode first =
          bob.expect(201, "POST", "/api/v1/chat/alice/messages", Map.of("text", "one"))
              .path("message");
      String chatId = first.path("chatId").asText();
      String one = first.path("_id").asText();
      String two = sent(bob, "two");
      String three = sent(bob, "three");

      alice.holdableSockets();
      alice.signIn(server.base(), "alice");
      alice.click(By.cssSelector("[data-testid=chat-item][data-other-id=bob]"));
      alice.textBecomes(part(three, "message-text"), "three");

      alice.js("window.__sockets.hold(); window.__samePage = true;");
      alice.find(By.cssSelector("#connection-status[data-state=offline]"));
      String messages = "/api/v1/chats/" + chatId + "/messages/";
      bob.expect(200, "PATCH", messages + one, Map.of("text", "one, edited"));
      bob.expect(200, "DELETE", messages + two + "?for=everyone", null);
      bob.expect(200, "PUT", messages + three + "/reactions/%F0%9F%8E%89", null);
      bob.expect(201, "POST", "/api/v1/chat/alice/messages", Map.of("text", "four"));
      // Nothing reached the page meanwhile.
      assertThat(alice.text(part(one, "message-text"))).isEqualTo("one");

      alice.js("window.__sockets.release();");
      alice.find(By.cssSelector("#connection-status[data-state=online]"));
      alice.textBecomes(part(one, "message-text"), "one, edited");
      alice.until(
          ExpectedConditions.attributeToBe(By.cssSelector(message(one)), "data-edited", "true"));
      alice.until(
          ExpectedConditions.attributeToBe(By.cssSelector(message(two)), "data-deleted", "true"));
      alice.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(message(three) + " [data-testid=reaction-chip][data-emoji='🎉']"),
              "data-count",
              "1"));
      By texts = By.cssSelector("[data-testid=message] [data-testid=message-text]");
      List<String> expected = List.of("one, edited", "This message was deleted", "three", "four");
      alice.until(d -> alice.texts(texts).equals(expected));
      assertThat(alice.js("return window.__samePage === true;")).as("no reload").isEqualTo(true);

      // 21 matches: a page of 20, newest first, then the last one on "More results".
      Rest aliceRest = new Rest(server.base(), aliceToken);
      for (int i = 1; i <= 21; i++) {
        Rest sender = i <= 11 ? aliceRest : bob;
        String to = i <= 11 ? "/api/v1/chat/bob/messages" : "/api/v1/chat/alice/messages";
        sender.expect(201, "POST", to, Map.of("text", "pasta " + i));
      }
      alice.click(By.id("chat-search-button"));
      alice.find(By.id("search-input")).sendKeys("PASTA", Keys.ENTER);
      alice.textBecomes(By.id("search-status"), "20 messages, more below");
      By results = By.cssSelector("#search-results [data-testid=search-result-text]");
      assertThat(alice.contents(results).get(0)).isEqualTo("Bob Chen: pasta 21");
      alice.click(By.id("search-more"));
      alice.textBecomes(By.id("search-status"), "21 messages");
      alice.until(ExpectedConditions.attributeToBe(By.id("search-more"), "hidden", "true"));
      List<String> found = alice.contents(results);
      assertThat(found).hasSize(21).doesNotHaveDuplicates().endsWith("You: pasta 1");
    }
  }

  /**
   * The message menu follows the rules the server tells ({@code GET /api/v1/config}), not the
   * defaults: with no edit window it offers no Edit but Delete for everyone (the delete window is
   * the default hour), and its quick reactions are the server's allow-list, in its order.
   */
  @Test
  void theMessageMenuFollowsTheServersWindowsAndReactions() throws Exception {
    // ASCII reactions: a child process's arguments pass through its locale's encoding.
    try (ServerProcess server = startServer("--edit-window", "0s", "--reactions", "ok,+1");
        Browser alice = new Browser(profiles.resolve("alice"))) {
      alice.signIn(server.base(), "alice");
      alice.find(By.cssSelector("body[data-rules=server]"));
      alice.click(By.id("new-chat-button"));
      alice.click(By.id("new-chat-option-bob"));
      alice.until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", "bob"));
      alice.send("Strict rules here");
      String strict = alice.messageId("Strict rules here");

      alice.click(By.cssSelector(message(strict) + " [data-testid=message-actions-button]"));
      alice.find(By.cssSelector("#message-menu [data-testid=menu-delete-everyone]"));
      assertThat(
              alice.js("return document.querySelector('#message-menu [data-testid=menu-edit]');"))
          .as("no Edit once the server's edit window is over")
          .isNull();
      assertThat(
              alice.js(
                  "return [...document.querySelectorAll('#message-menu [data-testid=menu-react]')]"
                      + ".map((b) => b.dataset.emoji);"))
          .isEqualTo(List.of("ok", "+1"));

      alice.click(By.cssSelector("#message-menu [data-testid=menu-react][data-emoji='ok']"));
      alice.until(
          ExpectedConditions.attributeToBe(
              By.cssSelector(message(strict) + " [data-testid=reaction-chip][data-emoji='ok']"),
              "data-count",
              "1"));
    }
  }

  /** Bob's message to Alice over REST; answers its id. */
  private static String sent(Rest bob, String text) {
    return bob.expect(201, "POST", "/api/v1/chat/alice/messages", Map.of("text", text))
        .path("message")
        .path("_id")
        .asText();
  }

  /** A message bubble by its id (the same on every page). */
  private static String message(String messageId) {
    return "[data-testid=message][data-message-id='" + messageId + "']";
  }

  /** A part of a message bubble, by its test id. */
  private static By part(String messageId, String testId) {
    return By.cssSelector(message(messageId) + " [data-testid=" + testId + "]");
  }

  private ServerProcess startServer(String... settings) throws IOException {
    return Browser.startServer(dataDir, settings);
  }

  /** Euclidean distance of two CSS colours {@code rgb(r, g, b)} or {@code rgba(r, g, b, a)}. */
  private static double colourDistance(String a, String b) {
    int[] x = rgb(a);
    int[] y = rgb(b);
    return Math.sqrt(
        Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
  }

  private static int[] rgb(String colour) {
    Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(colour);
    assertThat(m.find()).as("a CSS colour: %s", colour).isTrue();
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }
}
