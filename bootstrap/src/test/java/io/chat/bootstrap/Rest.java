package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A REST caller for one user: bearer token, JSON in and out, the envelope checked. */
final class Rest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;
  private final String token;

  Rest(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A status and the parsed body. */
  record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    JsonNode data() {
      return body.path("data");
    }

    String code() {
      return body.path("error").path("code").asText();
    }

    java.util.Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  Reply get(String path) {
    return call("GET", path, null);
  }

  Reply post(String path, Object body) {
    return call("POST", path, body);
  }

  /** The data of a call that must succeed with {@code status}. */
  JsonNode expect(int status, String method, String path, Object body) {
    Reply reply = call(method, path, body);
    assertThat(reply.status()).as(method + " " + path + " -> " + reply.body()).isEqualTo(status);
    assertThat(reply.body().path("success").asBoolean()).as(reply.body().toString()).isTrue();
    return reply.data();
  }

  Reply call(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(20))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed =
          response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Reply(response.statusCode(), parsed, response.headers());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }
}
