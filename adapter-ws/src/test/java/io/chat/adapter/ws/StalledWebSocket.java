package io.chat.adapter.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A WebSocket client on a bare TCP socket with a small receive buffer, that reads only when the
 * test tells it to: between reads it is a client that has stopped reading (no frame is taken off
 * the socket, no ping is answered), so the server's writes stall once the kernel's buffers are
 * full.
 */
final class StalledWebSocket implements AutoCloseable {
  private static final int RECEIVE_BUFFER = 4 * 1024;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** How the server ended the connection, as the client saw it once it read again. */
  enum Ending {
    /** The stream ended (FIN). */
    END_OF_STREAM,
    /** The connection was reset. */
    RESET,
    /** Nothing ended it within the timeout: the server still holds the socket. */
    STILL_OPEN
  }

  /** Everything read after the client resumed reading, and how it ended. */
  record Drained(List<String> texts, OptionalInt closeCode, Ending ending) {}

  private StalledWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = socket.getOutputStream();
  }

  /** Upgrades {@code pathAndQuery} on the server at {@code port}; fails unless it answers 101. */
  static StalledWebSocket open(int port, String pathAndQuery) {
    try {
      Socket socket = new Socket();
      // Set before connecting, so that the window the client advertises stays this small.
      socket.setReceiveBufferSize(RECEIVE_BUFFER);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
      StalledWebSocket client = new StalledWebSocket(socket);
      client.handshake(port, pathAndQuery);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handshake(int port, String pathAndQuery) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request =
        "GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("upgrade not answered: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new AssertionError("upgrade refused: " + head);
    }
  }

  /** Sends one masked text frame, as a client must. */
  synchronized void sendText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      throw new IllegalArgumentException("test frames are small");
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads text frames (ignoring pings, unanswered) until one matches; for setting up only. */
  String readUntil(Predicate<String> matching) {
    try {
      while (true) {
        Frame frame = readFrame();
        if (frame.opcode() == 0x8) {
          throw new AssertionError("closed while waiting: " + frame.closeCode());
        }
        if (frame.opcode() == 0x1 && matching.test(frame.text())) {
          return frame.text();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Resumes reading: takes every frame the server had sent until the connection ends, or reports
   * that it is still open when nothing has come for the timeout.
   */
  Drained drain() {
    List<String> texts = new ArrayList<>();
    OptionalInt closeCode = OptionalInt.empty();
    while (true) {
      Frame frame;
      try {
        frame = readFrame();
      } catch (EOFException e) {
        return new Drained(texts, closeCode, Ending.END_OF_STREAM);
      } catch (SocketTimeoutException e) {
        return new Drained(texts, closeCode, Ending.STILL_OPEN);
      } catch (IOException e) {
        return new Drained(texts, closeCode, Ending.RESET);
      }
      if (frame.opcode() == 0x1) {
        texts.add(frame.text());
      } else if (frame.opcode() == 0x8) {
        closeCode = frame.closeCode();
      }
    }
  }

  private record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    OptionalInt closeCode() {
      return payload.length >= 2
          ? OptionalInt.of(((payload[0] & 0xff) << 8) | (payload[1] & 0xff))
          : OptionalInt.empty();
    }
  }

  /** One whole message: continuation frames are joined to the frame they continue. */
  private Frame readFrame() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int opcode = -1;
    while (true) {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      in.readFully(payload);
      int frameOpcode = first & 0x0f;
      if (frameOpcode >= 0x8) {
        // Control frames may come between the fragments of a message.
        if (frameOpcode == 0x8) {
          return new Frame(0x8, payload);
        }
        continue;
      }
      if (opcode < 0) {
        opcode = frameOpcode;
      }
      message.writeBytes(payload);
      if ((first & 0x80) != 0) {
        return new Frame(opcode, message.toByteArray());
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
