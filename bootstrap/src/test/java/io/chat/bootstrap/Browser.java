package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session of the browser tests, with its own profile, driven through the
 * client's ids and test ids (docs/web-client.md, "Hooks for browser tests"). Every wait is an
 * explicit one, up to the session's timeout. Check {@link Chromium#requireOrSkip} first.
 */
class Browser implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private int screenWidth;

  Browser(Path profile) {
    this(profile, WAIT);
  }

  /**
   * A session whose waits last up to {@code timeout}, started with Chromium's extra {@code flags}.
   */
  Browser(Path profile, Duration timeout, String... flags) {
    // The driver is given: Selenium Manager must not go looking on the network.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile()).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Chromium.BINARY.toFile());
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,800",
                // Times are checked as en-US writes them.
                "--lang=en-US",
                "--user-data-dir=" + profile));
    arguments.addAll(List.of(flags));
    options.addArguments(arguments);
    this.driver = new ChromeDriver(service, options);
    // The client re-renders lists on every event: an element found a moment ago may be gone.
    this.wait = new WebDriverWait(driver, timeout);
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  /**
   * The server's jar on a fixed port, not --port 0: development mode allows the browser origin of
   * its own port only.
   */
  static ServerProcess startServer(Path dataDir, String... settings) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                String.valueOf(freePort()),
                "--host",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString()));
    args.addAll(List.of(settings));
    return ServerProcess.start(Map.of(), args.toArray(String[]::new));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  void signIn(String base, String userId) {
    driver.get(base + "/");
    click(By.id("user-option-" + userId));
    find(By.cssSelector("#connection-status[data-state=online]"));
  }

  /** Runs {@code script} in every page this session opens from now on, before the page's own. */
  void onEveryPage(String script) {
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
  }

  /**
   * Lets the test take the page's sockets away: {@code window.__sockets.hold()} closes them and
   * makes new ones fail (the client keeps retrying), {@code release()} lets the next retry through.
   * Call before {@link #signIn}.
   */
  void holdableSockets() {
    onEveryPage(
        "(() => {"
            + " const Native = window.WebSocket; const open = new Set(); let held = false;"
            + " class Holdable extends Native {"
            + "   constructor(...args) {"
            + "     if (held) throw new DOMException('held by the test', 'NetworkError');"
            + "     super(...args); open.add(this);"
            + "     this.addEventListener('close', () => open.delete(this));"
            + "   }"
            + " }"
            + " window.WebSocket = Holdable;"
            + " window.__sockets = {"
            + "   hold() { held = true; for (const s of open) s.close(); },"
            + "   release() { held = false; } };"
            + "})();");
  }

  /**
   * Counts the sockets the page makes in {@code window.__socketsMade}: a page that reconnected made
   * more than one. Call before {@link #signIn}.
   */
  void countedSockets() {
    onEveryPage(
        "(() => {"
            + " const Native = window.WebSocket; window.__socketsMade = 0;"
            + " window.WebSocket = class extends Native {"
            + "   constructor(...args) { super(...args); window.__socketsMade += 1; }"
            + " };"
            + "})();");
  }

  /** The id of the (first) stored message showing {@code text}, once it is stored. */
  String messageId(String text) {
    By stored =
        By.xpath(
            "//li[@data-testid='message' and @data-message-id!='']"
                + "[.//*[@data-testid='message-text' and normalize-space()='"
                + text
                + "']]");
    return until(d -> d.findElement(stored).getAttribute("data-message-id"));
  }

  /** Opens a message's menu and picks an action ({@code reply}, {@code edit}, ...). */
  void act(String messageId, String action) {
    click(By.cssSelector(bubble(messageId) + " [data-testid=message-actions-button]"));
    click(By.cssSelector("#message-menu [data-testid=menu-" + action + "]"));
  }

  /** Reacts from a message's menu. */
  void react(String messageId, String emoji) {
    click(By.cssSelector(bubble(messageId) + " [data-testid=message-actions-button]"));
    click(By.cssSelector("#message-menu [data-testid=menu-react][data-emoji='" + emoji + "']"));
  }

  private static String bubble(String messageId) {
    return "[data-testid=message][data-message-id='" + messageId + "']";
  }

  /** Opens a chat of two with {@code userId} from the people list. */
  void openChatWith(String userId) {
    click(By.id("new-chat-button"));
    click(By.id("new-chat-option-" + userId));
    until(ExpectedConditions.attributeToBe(By.id("chat-view"), "data-other-id", userId));
  }

  /** A phone's screen: {@code width} x {@code height} CSS pixels, laid out as a mobile page. */
  void phone(int width, int height) {
    screenWidth = width;
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  /** Reloads the page (the user is kept) and waits until it is connected again. */
  void reload() {
    driver.navigate().refresh();
    find(By.cssSelector("#connection-status[data-state=online]"));
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Runs {@code script}, which answers by calling its last argument, and gives that answer. */
  Object jsAsync(String script, Object... args) {
    return driver.executeAsyncScript(script, args);
  }

  /** The page's own clock format for a local time (month 1-12), as its lists and bubbles show. */
  String clock(int year, int month, int day, int hour, int minute) {
    Object text =
        jsAsync(
            "const done = arguments[arguments.length - 1];"
                + " import('/js/util.js').then((util) => done(util.formatClock("
                + " new Date(arguments[0], arguments[1] - 1, arguments[2], arguments[3],"
                + " arguments[4]).toISOString())));",
            year,
            month,
            day,
            hour,
            minute);
    // ICU puts a narrow no-break space before AM/PM.
    return String.valueOf(text).replace('\u202F', ' ').replace('\u00A0', ' ');
  }

  void pressEscape() {
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
  }

  /**
   * Nothing scrolls sideways, the viewport was not widened to fit the page, and each element lies
   * inside the screen.
   */
  void assertFitsTheScreen(By... elements) {
    assertThat(screenWidth).as("set by phone(...)").isPositive();
    long width = screenWidth;
    Map<?, ?> page =
        (Map<?, ?>)
            js("return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth};");
    assertThat(((Number) page.get("inner")).longValue()).as("viewport %s", page).isEqualTo(width);
    assertThat(((Number) page.get("scroll")).longValue())
        .as("page width %s", page)
        .isLessThanOrEqualTo(width);
    for (By by : elements) {
      Map<?, ?> rect = box(by);
      assertThat(((Number) rect.get("left")).doubleValue()).as("%s %s", by, rect).isNotNegative();
      assertThat(((Number) rect.get("right")).doubleValue())
          .as("%s %s inside %d px", by, rect, width)
          .isLessThanOrEqualTo(width);
      assertThat(((Number) rect.get("width")).doubleValue()).as("%s %s", by, rect).isPositive();
    }
  }

  /** Each element is shown, and lies inside the viewport, sideways and up and down. */
  void assertInsideTheScreen(By... elements) {
    for (By by : elements) {
      Map<?, ?> box = box(by);
      assertThat(((Number) box.get("left")).doubleValue()).as("%s %s", by, box).isNotNegative();
      assertThat(((Number) box.get("top")).doubleValue()).as("%s %s", by, box).isNotNegative();
      assertThat(((Number) box.get("right")).doubleValue())
          .as("%s %s", by, box)
          .isLessThanOrEqualTo(((Number) box.get("innerWidth")).doubleValue());
      assertThat(((Number) box.get("bottom")).doubleValue())
          .as("%s %s", by, box)
          .isLessThanOrEqualTo(((Number) box.get("innerHeight")).doubleValue());
    }
  }

  /** Where a shown element lies, and the viewport's size. */
  private Map<?, ?> box(By by) {
    WebElement element = until(ExpectedConditions.visibilityOfElementLocated(by));
    return (Map<?, ?>)
        js(
            "const r = arguments[0].getBoundingClientRect();"
                + " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
                + " width: r.width, innerWidth: window.innerWidth,"
                + " innerHeight: window.innerHeight};",
            element);
  }

  <T> T until(Function<? super WebDriver, T> condition) {
    return wait.until(condition);
  }

  WebElement find(By by) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(by));
  }

  String attribute(By by, String name) {
    return find(by).getAttribute(name);
  }

  void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  String text(By by) {
    return wait.until(d -> d.findElement(by).isDisplayed() ? d.findElement(by).getText() : null);
  }

  /** Waits until the element (found afresh each time) shows exactly {@code expected}. */
  void textBecomes(By by, String expected) {
    wait.until(ExpectedConditions.textToBe(by, expected));
  }

  List<String> texts(By by) {
    return driver.findElements(by).stream().map(WebElement::getText).toList();
  }

  /** The text content of each element, shown or scrolled out of sight. */
  List<String> contents(By by) {
    return driver.findElements(by).stream()
        .map(e -> e.getAttribute("textContent").strip())
        .toList();
  }

  void type(CharSequence... keys) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("message-input"))).sendKeys(keys);
  }

  void send(String text) {
    type(text);
    type(Keys.ENTER);
  }

  Path screenshot(String name) throws IOException {
    Path target = Path.of(System.getProperty("chat.target.dir", "target"), name);
    Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
