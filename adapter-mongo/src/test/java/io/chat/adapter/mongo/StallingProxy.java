package io.chat.adapter.mongo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a store that can stop passing bytes on (and stop accepting),
 * keeping every connection open: from the client's side the store hangs, as a store process paused
 * with SIGSTOP does. {@link #resume} lets everything through again.
 */
public final class StallingProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean stalled;
  private volatile boolean closed;

  public StallingProxy(int targetPort) {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "stalling-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + listener.getLocalPort();
  }

  /** From now on nothing passes, in either direction, and new connections wait. */
  public void stall() {
    stalled = true;
  }

  public void resume() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void awaitOpen() throws InterruptedException {
    synchronized (gate) {
      while (stalled && !closed) {
        gate.wait();
      }
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        awaitOpen();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pipe(client, server);
        pipe(server, client);
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitOpen();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // one side went away: the other is closed below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "stalling-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    resume();
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    sockets.forEach(StallingProxy::closeQuietly);
  }
}
