package io.chat.adapter.http;

import io.chat.adapter.wire.Envelope;
import io.chat.adapter.wire.ErrorTable;
import io.chat.domain.shared.ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's server-wide error handler, answering the protocol's envelope for what Jetty refuses
 * before Javalin routes the request (a malformed request line, headers or URI too long, an unknown
 * HTTP version, a bad {@code Host}, an illegal character in a header).
 */
final class JettyErrors extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      int status = response.getStatus();
      Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
      if (cause instanceof HttpException refusal) {
        status = refusal.getCode();
        response.setStatus(status);
        // A request the parser refused ends its connection: say so, or a keep-alive client sends
        // its next request into a closing socket and sees a reset.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      }
      if (HttpStatus.isServerError(status) && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
        LOG.warn("Jetty answered {} outside the routes", status, cause);
      } else {
        // A client's mistake: worth a look when debugging, not a line per bad request.
        LOG.debug(
            "Jetty refused a request with {}: {}", status, request.getAttribute(ERROR_MESSAGE));
      }
      response.getHeaders().put(ERROR_CACHE_CONTROL);
      if (HttpStatus.hasNoBody(status)) {
        callback.succeeded();
        return true;
      }
      // The same spelling as the routed answers (Jetty's servlet layer writes it without a space).
      response.getHeaders().put(MimeTypes.Type.APPLICATION_JSON_UTF_8.getContentTypeField());
      if (HttpMethod.HEAD.is(request.getMethod())) {
        // Jetty does not drop the body of a refused HEAD by itself: it would be read as the next
        // answer by a client that keeps the connection.
        response.write(true, null, callback);
        return true;
      }
      // Jetty's own reason may quote the request (the URI, a header's character): a fixed text
      // per status says enough and reflects nothing.
      byte[] body = Envelope.failure(code(status), message(status));
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    } catch (RuntimeException e) {
      // The answer could not be written (the response was committed, the connection is gone):
      // Jetty then closes the connection, which is all that is left to do.
      callback.failed(e);
    }
    return true;
  }

  /** The stable code for a status Jetty chose; the status itself is kept. */
  static String code(int status) {
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHENTICATED.name();
      case 403 -> ErrorCode.FORBIDDEN.name();
      case 404 -> ErrorCode.NOT_FOUND.name();
      case 405 -> ErrorTable.METHOD_NOT_ALLOWED;
      case 409 -> ErrorCode.CONFLICT.name();
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.name();
      case 429 -> ErrorCode.RATE_LIMITED.name();
      case 503 -> ErrorCode.UNAVAILABLE.name();
      case 505 -> ErrorCode.INVALID_ARGUMENT.name();
      default ->
          HttpStatus.isServerError(status)
              ? ErrorCode.INTERNAL.name()
              : ErrorCode.INVALID_ARGUMENT.name();
    };
  }

  static String message(int status) {
    return switch (status) {
      case 400 -> "Malformed HTTP request";
      case 404 -> "No such endpoint";
      case 405 -> "Method not allowed";
      case 408 -> "The request took too long to arrive";
      case 413 -> "The request body is too large";
      case 414 -> "The request URI is too long";
      case 417 -> "Unsupported Expect header";
      case 431 -> "The request headers are too large";
      case 503 -> "Server unavailable, retry shortly";
      case 505 -> "HTTP version not supported";
      default ->
          HttpStatus.isServerError(status)
              ? "Internal error"
              // Jetty's reason phrase for the status: a constant, never the request.
              : status + " " + HttpStatus.getMessage(status);
    };
  }
}
