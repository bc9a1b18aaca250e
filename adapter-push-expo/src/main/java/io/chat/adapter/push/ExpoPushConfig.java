package io.chat.adapter.push;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Expo push adapter: where to post, with which access token, and the bounds that
 * keep a slow or dead push service from costing the server more than a fixed amount of memory,
 * connections and time.
 *
 * @param url the send endpoint
 * @param accessToken the Expo access token, when the project enforces "enhanced push security"
 * @param batchSize messages per request, 1 to {@value #MAX_BATCH_SIZE} (Expo's limit)
 * @param queueCapacity messages waiting to be sent; beyond it new ones are dropped and counted
 * @param maxInFlight requests (batches) being sent or waiting for a retry at once
 * @param maxRetries retries of one batch after a 429, a 5xx or a transport error
 * @param baseBackoff the first retry's delay before jitter; it doubles with each retry
 * @param maxBackoff the longest delay; a {@code Retry-After} beyond it gives the batch up
 * @param connectTimeout to open a connection
 * @param requestTimeout for one request, from sending to the answer's headers
 * @param closeDeadline how long {@code close()} keeps flushing before it drops what is left
 * @param receiptDelay how long after a ticket its receipt is asked for, and again when it was not
 *     ready; checks gather the tickets that came due within a tenth of it into one request
 * @param receiptCapacity tickets remembered for a receipt check; beyond it the oldest are dropped
 *     and counted; 0 turns receipt checks off
 * @param receiptChecks how many times a ticket's receipt is asked for before it is given up
 */
public record ExpoPushConfig(
    URI url,
    Optional<String> accessToken,
    int batchSize,
    int queueCapacity,
    int maxInFlight,
    int maxRetries,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration closeDeadline,
    Duration receiptDelay,
    int receiptCapacity,
    int receiptChecks) {

  public static final URI DEFAULT_URL = URI.create("https://exp.host/--/api/v2/push/send");
  public static final int MAX_BATCH_SIZE = 100;

  /** Expo's limit on ticket ids in one receipts request. */
  public static final int MAX_RECEIPT_IDS = 1_000;

  public ExpoPushConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(accessToken, "accessToken");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url must be http or https");
    }
    accessToken = accessToken.filter(token -> !token.isBlank());
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batchSize must be 1 to " + MAX_BATCH_SIZE);
    }
    requirePositive(queueCapacity, "queueCapacity");
    requirePositive(maxInFlight, "maxInFlight");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    requirePositive(baseBackoff, "baseBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be shorter than baseBackoff");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(closeDeadline, "closeDeadline");
    requirePositive(receiptDelay, "receiptDelay");
    if (receiptCapacity < 0) {
      throw new IllegalArgumentException("receiptCapacity must not be negative");
    }
    requirePositive(receiptChecks, "receiptChecks");
  }

  /** Every setting at its default (see {@link Builder}). */
  public static ExpoPushConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from the defaults; each setting it is not given keeps its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The receipts endpoint: {@code getReceipts} next to the send endpoint. */
  public URI receiptsUrl() {
    String path = url.getRawPath();
    return path == null || path.isEmpty()
        ? url.resolve("/getReceipts")
        : url.resolve("getReceipts");
  }

  /** Tickets that come due within this much of each other are asked for in one check. */
  Duration receiptWindow() {
    return receiptDelay.dividedBy(10);
  }

  @Override
  public String toString() {
    // The access token is a secret: configs end up in logs.
    return "ExpoPushConfig[url="
        + url
        + ", accessToken="
        + (accessToken.isPresent() ? "(set)" : "(none)")
        + ", batchSize="
        + batchSize
        + ", queueCapacity="
        + queueCapacity
        + ", maxInFlight="
        + maxInFlight
        + ", maxRetries="
        + maxRetries
        + ", baseBackoff="
        + baseBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", closeDeadline="
        + closeDeadline
        + ", receiptDelay="
        + receiptDelay
        + ", receiptCapacity="
        + receiptCapacity
        + ", receiptChecks="
        + receiptChecks
        + "]";
  }

  /**
   * Builds a config from the defaults: the public endpoint without an access token; 100 messages a
   * request (Expo's limit), 10,000 queued, 4 requests at once (Expo allows about 600 notifications
   * a second per project), 3 retries from 500 ms up to 30 s, 5 s to connect, 10 s a request, 5 s to
   * flush on close; receipts asked for 15 minutes after sending (Expo's advice), up to 3 times, for
   * at most 50,000 tickets (about 10 MB). {@link #build} validates, as the record does.
   */
  public static final class Builder {
    private URI url = DEFAULT_URL;
    private Optional<String> accessToken = Optional.empty();
    private int batchSize = MAX_BATCH_SIZE;
    private int queueCapacity = 10_000;
    private int maxInFlight = 4;
    private int maxRetries = 3;
    private Duration baseBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration closeDeadline = Duration.ofSeconds(5);
    private Duration receiptDelay = Duration.ofMinutes(15);
    private int receiptCapacity = 50_000;
    private int receiptChecks = 3;

    private Builder() {}

    public Builder url(URI url) {
      this.url = url;
      return this;
    }

    /** None when null or blank. */
    public Builder accessToken(String token) {
      this.accessToken = Optional.ofNullable(token);
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder baseBackoff(Duration baseBackoff) {
      this.baseBackoff = baseBackoff;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder closeDeadline(Duration closeDeadline) {
      this.closeDeadline = closeDeadline;
      return this;
    }

    public Builder receiptDelay(Duration receiptDelay) {
      this.receiptDelay = receiptDelay;
      return this;
    }

    /** 0 turns receipt checks off. */
    public Builder receiptCapacity(int receiptCapacity) {
      this.receiptCapacity = receiptCapacity;
      return this;
    }

    public Builder receiptChecks(int receiptChecks) {
      this.receiptChecks = receiptChecks;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a setting is out of its bounds
     * @throws NullPointerException when a setting is missing
     */
    public ExpoPushConfig build() {
      return new ExpoPushConfig(
          url,
          accessToken,
          batchSize,
          queueCapacity,
          maxInFlight,
          maxRetries,
          baseBackoff,
          maxBackoff,
          connectTimeout,
          requestTimeout,
          closeDeadline,
          receiptDelay,
          receiptCapacity,
          receiptChecks);
    }
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
