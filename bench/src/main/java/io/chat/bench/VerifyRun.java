package io.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads back what a load run's {@code --acked-file} says the server acknowledged: every one of
 * those messages must be in its chat's history exactly once, and every history in strictly
 * increasing {@code seq} (for the kill -9 run: stop the server hard during a load, start it again
 * on the same data, verify).
 */
final class VerifyRun {
  private final BenchConfig config;
  private final String url;
  private final Map<String, String> tokens = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  VerifyRun(BenchConfig config, String url, Main.Users users) {
    this.config = config;
    this.url = url;
    for (int i = 0; i < users.ids().size(); i++) {
      tokens.put(users.ids().get(i), users.tokens().get(i));
    }
  }

  boolean run(Map<String, Object> report) throws Exception {
    // sender -> recipient -> the clientMessageIds acknowledged to the sender
    Map<String, Map<String, Set<String>>> acked = new LinkedHashMap<>();
    long ackedCount = 0;
    for (String line : Files.readAllLines(config.ackedFile().orElseThrow())) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t");
      acked
          .computeIfAbsent(fields[0], k -> new LinkedHashMap<>())
          .computeIfAbsent(fields[1], k -> new HashSet<>())
          .add(fields[2]);
      ackedCount++;
    }
    long missing = 0;
    long duplicated = 0;
    long outOfOrder = 0;
    long stored = 0;
    for (Map.Entry<String, Map<String, Set<String>>> bySender : acked.entrySet()) {
      String sender = bySender.getKey();
      for (Map.Entry<String, Set<String>> byRecipient : bySender.getValue().entrySet()) {
        Map<String, Integer> seen = new HashMap<>();
        long after = 0;
        long lastSeq = 0;
        boolean more = true;
        while (more) {
          JsonNode page = history(sender, byRecipient.getKey(), after);
          for (JsonNode message : page.path("messages")) {
            long seq = message.path("seq").asLong();
            if (seq <= lastSeq) {
              outOfOrder++;
            }
            lastSeq = seq;
            after = Math.max(after, seq);
            stored++;
            if (message.path("sender").asText().equals(sender)
                && message.hasNonNull("clientMessageId")) {
              seen.merge(message.path("clientMessageId").asText(), 1, Integer::sum);
            }
          }
          more = page.path("hasMore").asBoolean(false) && page.path("messages").size() > 0;
        }
        for (String cmid : byRecipient.getValue()) {
          int count = seen.getOrDefault(cmid, 0);
          if (count == 0) {
            missing++;
          } else if (count > 1) {
            duplicated += count - 1;
          }
        }
      }
    }
    report.put("acked", ackedCount);
    report.put("storedMessagesRead", stored);
    report.put("missing", missing);
    report.put("duplicated", duplicated);
    report.put("outOfOrder", outOfOrder);
    return ackedCount > 0 && missing == 0 && duplicated == 0 && outOfOrder == 0;
  }

  private JsonNode history(String user, String other, long after) throws Exception {
    String token = tokens.get(user);
    if (token == null) {
      throw new IllegalArgumentException(user + " is not one of the run's users (--user-prefix?)");
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    url
                        + "/api/v1/chat/"
                        + URLEncoder.encode(other, StandardCharsets.UTF_8)
                        + "/messages?limit=200&after="
                        + after))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("history of " + user + " with " + other + ": " + response);
    }
    JsonNode body = WsClient.JSON.readTree(response.body());
    return body.has("data") ? body.get("data") : body;
  }
}
