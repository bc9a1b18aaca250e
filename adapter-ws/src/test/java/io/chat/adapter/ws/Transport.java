package io.chat.adapter.ws;

/** The ways a test client can reach the server. */
enum Transport {
  SOCKET_IO_WEBSOCKET,
  SOCKET_IO_POLLING,
  SOCKET_IO_UPGRADE,
  PLAIN_WEBSOCKET;

  TestClient connect(TestServer server, String user) {
    return connectWith(server, server.token(user));
  }

  TestClient connectWith(TestServer server, String token) {
    return connectWith(server, token, false);
  }

  /**
   * A client that asks for compact mode ({@code compact}) as its transport's clients do, or not.
   */
  TestClient connectWith(TestServer server, String token, boolean compact) {
    return switch (this) {
      case SOCKET_IO_WEBSOCKET ->
          SioClient.connect(server.port(), token, SioClient.Transport.WEBSOCKET, compact);
      case SOCKET_IO_POLLING ->
          SioClient.connect(server.port(), token, SioClient.Transport.POLLING, compact);
      case SOCKET_IO_UPGRADE ->
          SioClient.connect(server.port(), token, SioClient.Transport.UPGRADE, compact);
      case PLAIN_WEBSOCKET -> WsClient.connect(server.port(), token, compact);
    };
  }
}
