package io.chat.adapter.ws.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An open socket lets its upgrade's HTTP exchange go (Jetty's servlet WebSocket session would keep
 * it, ~6 KB for every idle socket), and still answers what its upgrade response was.
 */
class UpgradeExchangeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final TransportSettings SETTINGS =
      new TransportSettings(
          64 * 1024, 1024 * 1024, 64, Duration.ofSeconds(25), Duration.ofSeconds(20));

  private final CompletableFuture<Session> opened = new CompletableFuture<>();
  private volatile WeakReference<HttpServletRequest> upgradeRequest;
  private Javalin server;
  private WebSocket client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.abort();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void anOpenSocketKeepsACopyOfItsUpgradeResponseAndLetsTheServletRequestGo() throws Exception {
    server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jetty.modifyServletContextHandler(
                      context -> {
                        ServletHolder holder = new ServletHolder("probe", new Probe());
                        holder.setAsyncSupported(true);
                        context.addServlet(holder, "/probe");
                      });
                })
            .start("127.0.0.1", 0);

    client =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + server.port() + "/probe"),
                new WebSocket.Listener() {})
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Session session = opened.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // The socket is open and its session alive: its servlet request can be collected all the same.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (upgradeRequest.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(upgradeRequest.get()).as("the upgrade's servlet request, still reachable").isNull();
    assertThat(session.isOpen()).isTrue();
    assertThat(session.getUpgradeResponse()).isInstanceOf(UpgradeExchange.Kept.class);
    assertThat(session.getUpgradeResponse().getStatusCode()).isEqualTo(101);
    assertThat(session.getUpgradeResponse().getExtensions()).isEmpty();
    assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isNull();
  }

  /** A WebSocket endpoint as the transports make theirs, remembering its request weakly. */
  private final class Probe extends JettyWebSocketServlet {
    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
      JettySocket.configure(
          factory,
          SETTINGS,
          (request, response) -> {
            upgradeRequest = new WeakReference<>(request.getHttpServletRequest());
            return new JettySocket(
                new JettySocket.Handler() {
                  @Override
                  public void opened(Session session) {
                    opened.complete(session);
                  }

                  @Override
                  public void text(String text) {}

                  @Override
                  public void binary() {}

                  @Override
                  public void pong() {}

                  @Override
                  public void closed() {}
                });
          });
    }
  }
}
