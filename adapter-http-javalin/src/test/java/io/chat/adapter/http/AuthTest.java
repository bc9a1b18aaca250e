package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.claims;
import static io.chat.adapter.http.TestServer.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.chat.adapter.http.TestServer.Response;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private void assertUnauthenticated(Response r) {
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("success").asBoolean()).isFalse();
    assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  private Response withAuthorization(String header) {
    return server.send("GET", "/api/v1/chat", header, null);
  }

  @Test
  void validTokenIsAccepted() {
    Response r = withAuthorization("Bearer " + sign(claims(TestServer.newId()).build()));

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    Response r = withAuthorization("bearer " + sign(claims(TestServer.newId()).build()));

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void missingTokenIsRefused() {
    assertUnauthenticated(withAuthorization(null));
  }

  @Test
  void otherSchemeIsRefused() {
    assertUnauthenticated(withAuthorization("Basic YWxpY2U6c2VjcmV0"));
  }

  @Test
  void garbageTokenIsRefused() {
    assertUnauthenticated(withAuthorization("Bearer not.a.jwt"));
  }

  @Test
  void algNoneIsRefused() {
    String unsigned =
        Base64URL.encode("{\"alg\":\"none\"}")
            + "."
            + Base64URL.encode(claims(TestServer.newId()).build().toString())
            + ".";

    assertUnauthenticated(withAuthorization("Bearer " + unsigned));
  }

  @Test
  void wrongSignatureIsRefused() {
    String token =
        sign("some-other-secret-that-is-long-enough-too!", claims(TestServer.newId()).build());

    assertUnauthenticated(withAuthorization("Bearer " + token));
  }

  @Test
  void rs256TokenAgainstTheHs256ConfigurationIsRefused() throws JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
            claims(TestServer.newId()).build());
    jwt.sign(new RSASSASigner(key));

    assertUnauthenticated(withAuthorization("Bearer " + jwt.serialize()));
  }

  @Test
  void expiredTokenIsRefused() {
    String token =
        sign(
            claims(TestServer.newId())
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build());

    assertUnauthenticated(withAuthorization("Bearer " + token));
  }

  @Test
  void wrongAudienceIsRefused() {
    String token = sign(claims(TestServer.newId()).audience("billing").build());

    assertUnauthenticated(withAuthorization("Bearer " + token));
  }

  @Test
  void tokenWithoutExpIsRefused() {
    String token = sign(claims(TestServer.newId()).expirationTime(null).build());

    assertUnauthenticated(withAuthorization("Bearer " + token));
  }

  @Test
  void operationsNeedNoToken() {
    assertThat(server.get("/health", null).status()).isEqualTo(200);
    assertThat(server.get("/ready", null).status()).isEqualTo(200);
    assertThat(server.get("/openapi.json", null).status()).isEqualTo(200);
  }
}
