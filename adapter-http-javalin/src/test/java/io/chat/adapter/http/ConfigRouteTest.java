package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import io.chat.application.service.ChatSettings;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /api/v1/config} on a real server: the limits the core was configured with. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigRouteTest {
  private static final String CONFIG = "/api/v1/config";

  private final TestServer server =
      new TestServer(
          ChatSettings.defaults()
              .withMaxTextLength(280)
              .withGroupRules(new GroupRules(40, 7, 12))
              .withMessageRules(
                  new MessageRules(
                      Duration.ofMillis(2_500),
                      Duration.ofMinutes(5),
                      3,
                      4,
                      new LinkedHashSet<>(List.of("🎉", "👍", "+1")))));

  @AfterAll
  void stop() {
    server.close();
  }

  private static JsonNode json(String text) {
    try {
      return TestServer.JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theConfiguredLimitsReachTheClientWithTheWindowsInWholeSecondsRoundedDown() {
    User alice = server.user("Alice");

    Response r = server.get(CONFIG, alice);

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().path("success").asBoolean()).isTrue();
    assertThat(r.json().path("message").asText()).isEqualTo("Config fetched");
    assertThat(r.data())
        .isEqualTo(
            json(
                """
                {"maxTextLength": 280, "editWindowSeconds": 2, "deleteWindowSeconds": 300,
                 "maxPins": 3, "maxReactions": 4, "reactions": ["🎉", "👍", "+1"],
                 "group": {"maxMembers": 40, "maxAdded": 7, "presenceSize": 12}}
                """));
  }

  @Test
  void theTextLimitToldIsTheOneEnforced() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    int max = server.get(CONFIG, alice).data().path("maxTextLength").asInt();

    Response atTheLimit = server.post(chat(bob) + "/messages", alice, text("a".repeat(max)));
    Response overIt = server.post(chat(bob) + "/messages", alice, text("a".repeat(max + 1)));

    assertThat(atTheLimit.status()).as(atTheLimit.text()).isEqualTo(201);
    assertThat(overIt.status()).isEqualTo(400);
    assertThat(overIt.code()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void aServerOnTheDefaultsTellsTheDefaultsAndAllowsAnyEmoji() {
    try (TestServer defaults = new TestServer()) {
      Response r = defaults.get(CONFIG, defaults.user("Carol"));

      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.data())
          .isEqualTo(
              json(
                  """
                  {"maxTextLength": 4000, "editWindowSeconds": 900, "deleteWindowSeconds": 3600,
                   "maxPins": 10, "maxReactions": 20, "reactions": [],
                   "group": {"maxMembers": 1000, "maxAdded": 100, "presenceSize": 100}}
                  """));
    }
  }

  @Test
  void withoutAValidTokenItIsUnauthenticated() {
    Response none = server.get(CONFIG, null);
    Response forged =
        server.send(
            "GET",
            CONFIG,
            "Bearer "
                + TestServer.sign(
                    "another-secret-".repeat(3), TestServer.claims(TestServer.newId()).build()),
            null);

    for (Response r : List.of(none, forged)) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().path("success").asBoolean()).isFalse();
      assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
      assertThat(r.text()).doesNotContain("maxTextLength");
    }
  }
}
