package io.chat.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The layering, kept by machine: the onion over the modules' packages, what each layer may depend
 * on, where each technology may appear, no blocking calls in main code, no package cycles, and the
 * naming of ports and services. New adapters are covered by their package names. {@link
 * ArchitectureRulesCanFailTest} shows every rule failing on a class that breaks it.
 */
@AnalyzeClasses(
    packages = "io.chat",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /** Leaves out test-jars (in-memory adapters, contract suites): they are tests, not main code. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  private static final String DOMAIN = "io.chat.domain..";
  private static final String APPLICATION = "io.chat.application..";
  private static final String WIRE = "io.chat.adapter.wire..";
  private static final String PORT_OUT = "io.chat.application.port.out..";
  private static final DescribedPredicate<JavaClass> OUTBOUND_PORTS =
      DescribedPredicate.describe(
          "are outbound ports (the interfaces of port.out that are not sealed)",
          (JavaClass c) ->
              c.isInterface()
                  && JavaClass.Predicates.resideInAPackage(PORT_OUT).test(c)
                  && !c.reflect().isSealed());
  private static final DescribedPredicate<JavaMethod> DELIVERS_A_MESSAGE_OF_THE_PORT =
      DescribedPredicate.describe(
          "deliveries (answer nothing, take a message of port.out)",
          (JavaMethod m) ->
              m.getRawReturnType().isEquivalentTo(void.class)
                  && m.getRawParameterTypes().stream()
                      .anyMatch(JavaClass.Predicates.resideInAPackage(PORT_OUT)));
  private static final List<Class<?>> IDS = List.of(ChatId.class, MessageId.class);
  private static final DescribedPredicate<JavaMethod> MINTS_AN_ID =
      DescribedPredicate.describe(
          "id mints (take nothing, answer an id)",
          (JavaMethod m) ->
              m.getRawParameterTypes().isEmpty()
                  && IDS.stream().anyMatch(m.getRawReturnType()::isEquivalentTo));
  private static final String MAIN_CODE_THAT_MUST_NOT_BLOCK =
      "io.chat.(domain|application|adapter)..";

  @ArchTest
  static final ArchRule onion =
      onionArchitecture()
          .domainModels(DOMAIN)
          .domainServices("io.chat.application.port..")
          .applicationServices("io.chat.application.service..")
          .adapter("in-process", "io.chat.adapter.inprocess..")
          .adapter("mongo", "io.chat.adapter.mongo..")
          .adapter("sqlite", "io.chat.adapter.sqlite..")
          .adapter("redis", "io.chat.adapter.redis..")
          .adapter("rest", "io.chat.adapter.http..")
          .adapter("realtime", "io.chat.adapter.ws..")
          .adapter("wire", WIRE)
          .adapter("jwt", "io.chat.adapter.jwt..")
          .adapter("push", "io.chat.adapter.push..")
          .withOptionalLayers(true)
          // The protocol's JSON is shared by the two adapters that speak it, and by no other.
          .ignoreDependency(
              JavaClass.Predicates.resideInAnyPackage(
                  "io.chat.adapter.http..", "io.chat.adapter.ws.."),
              JavaClass.Predicates.resideInAPackage(WIRE))
          // The composition root wires everything, so it may depend on every layer.
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage("io.chat.bootstrap.."),
              DescribedPredicate.alwaysTrue());

  @ArchTest
  static final ArchRule adaptersDoNotDependOnServices =
      noClasses()
          .that()
          .resideInAPackage("io.chat.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.chat.application.service..")
          .because(
              "only the composition root wires services; an adapter sees the ports it calls or"
                  + " implements");

  /**
   * Inside the realtime adapter each layer uses only those below it: the chat layer the protocols,
   * Socket.IO Engine.IO, all of them what the transport package shares. Engine.IO knows neither
   * Socket.IO nor the chat layer, and neither protocol knows the other.
   */
  @ArchTest
  static final ArchRule realtimeLayersDependDownwardOnly =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("chat")
          .definedBy("io.chat.adapter.ws")
          .layer("Socket.IO")
          .definedBy("io.chat.adapter.ws.socketio..")
          .layer("plain WebSocket")
          .definedBy("io.chat.adapter.ws.plain..")
          .layer("Engine.IO")
          .definedBy("io.chat.adapter.ws.engineio..")
          .layer("transport")
          .definedBy("io.chat.adapter.ws.transport..")
          .whereLayer("chat")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Socket.IO")
          .mayOnlyBeAccessedByLayers("chat")
          .whereLayer("plain WebSocket")
          .mayOnlyBeAccessedByLayers("chat")
          .whereLayer("Engine.IO")
          .mayOnlyBeAccessedByLayers("Socket.IO", "chat")
          .whereLayer("transport")
          .mayOnlyBeAccessedByLayers("Engine.IO", "Socket.IO", "plain WebSocket", "chat");

  @ArchTest
  static final ArchRule engineIoKnowsNothingOfTheChat =
      noClasses()
          .that()
          .resideInAPackage("io.chat.adapter.ws.engineio..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.chat.adapter.ws",
              "io.chat.adapter.ws.socketio..",
              "io.chat.adapter.ws.plain..",
              "io.chat.adapter.http..",
              WIRE,
              APPLICATION,
              DOMAIN)
          .because(
              "Engine.IO is a transport: what its messages mean is the business of the layer above");

  @ArchTest
  static final ArchRule domainDependsOnItselfAndTheJdkOnly =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, "java..");

  @ArchTest
  static final ArchRule applicationDependsOnDomainJdkAndInjectOnly =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(APPLICATION, DOMAIN, "java..", "jakarta.inject..");

  @ArchTest
  static final ArchRule mongoDriverOnlyInTheMongoAdapter =
      technologyOnlyIn(
          List.of("io.chat.adapter.mongo.."),
          "com.mongodb..",
          "org.bson..",
          "org.reactivestreams..",
          "de.bwaldvogel..");

  @ArchTest
  static final ArchRule sqliteAndJdbcOnlyInTheSqliteAdapter =
      technologyOnlyIn(List.of("io.chat.adapter.sqlite.."), "org.sqlite..", "java.sql..");

  @ArchTest
  static final ArchRule redisClientOnlyInTheRedisAdapter =
      technologyOnlyIn(List.of("io.chat.adapter.redis.."), "io.lettuce..", "reactor..");

  @ArchTest
  static final ArchRule javalinAndJettyOnlyInWebAdaptersAndBootstrap =
      technologyOnlyIn(
          List.of("io.chat.adapter.http..", "io.chat.adapter.ws..", "io.chat.bootstrap.."),
          "io.javalin..",
          "org.eclipse.jetty..");

  @ArchTest
  static final ArchRule jettyWebSocketOnlyInTheRealtimeAdapter =
      technologyOnlyIn(
          List.of("io.chat.adapter.ws.."),
          "org.eclipse.jetty.websocket..",
          "org.eclipse.jetty.ee10.websocket..");

  /**
   * Socket.IO, Engine.IO and the plain WebSocket are implemented in the realtime adapter, not taken
   * from a library, so a technology rule cannot keep them in: this rule keeps their packages, and
   * what they share, to the adapter, whose face to the rest is {@code RealtimeChat}.
   */
  @ArchTest
  static final ArchRule realtimeProtocolsOnlyInTheRealtimeAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.chat.adapter.ws..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.chat.adapter.ws.engineio..",
              "io.chat.adapter.ws.socketio..",
              "io.chat.adapter.ws.plain..",
              "io.chat.adapter.ws.transport..")
          .because("how realtime events travel is the realtime adapter's business");

  @ArchTest
  static final ArchRule nimbusOnlyInTheJwtAdapter =
      technologyOnlyIn(List.of("io.chat.adapter.jwt.."), "com.nimbusds..");

  @ArchTest
  static final ArchRule noBlockingCallsInMainCode =
      noClasses()
          .that()
          .resideInAPackage(MAIN_CODE_THAT_MUST_NOT_BLOCK)
          .should()
          .callMethod(CompletableFuture.class, "join")
          .orShould()
          .callMethod(CompletableFuture.class, "get")
          .orShould()
          .callMethod(CompletableFuture.class, "get", long.class, TimeUnit.class)
          .orShould()
          .callMethod(Future.class, "get")
          .orShould()
          .callMethod(Future.class, "get", long.class, TimeUnit.class)
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .callMethod(CountDownLatch.class, "await")
          .because("the core and the adapters compose stages; a blocked thread is a lost thread");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.chat.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule inboundPortsAreUseCasesOrQueries =
      classes()
          .that()
          .resideInAPackage("io.chat.application.port.in..")
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameEndingWith("UseCase")
          .orShould()
          .haveSimpleNameEndingWith("Query");

  @ArchTest
  static final ArchRule inboundPortsAnswerWithStages =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.chat.application.port.in..")
          .and()
          .areDeclaredInClassesThat()
          .areInterfaces()
          .should()
          .haveRawReturnType(CompletionStage.class);

  /**
   * Every method of an outbound port answers with a stage, but those whose nature is not to be
   * waited for: delivering a message that the port package defines (an event, a push) and returning
   * nothing, the adapter owning the delivery and its failures; and minting an id from nothing,
   * in-process. A sealed interface of the package is a closed family of values (as {@code
   * ChatEvent}), not a port: no adapter can implement it.
   */
  @ArchTest
  static final ArchRule outboundPortsAnswerWithStages =
      methods()
          .that()
          .areDeclaredInClassesThat(OUTBOUND_PORTS)
          .and()
          .arePublic()
          .and(DescribedPredicate.not(DELIVERS_A_MESSAGE_OF_THE_PORT))
          .and(DescribedPredicate.not(MINTS_AN_ID))
          .should()
          .haveRawReturnType(CompletionStage.class)
          .because(
              "storage, lookups, tokens, presence and limits are I/O: answered directly, they would"
                  + " block the caller");

  @ArchTest
  static final ArchRule useCaseImplementationsAreServices =
      classes()
          .that()
          .resideInAPackage("io.chat.application.service..")
          .and()
          .implement(
              DescribedPredicate.describe(
                  "an inbound port",
                  (JavaClass c) -> c.getPackageName().startsWith("io.chat.application.port.in")))
          .should()
          .haveSimpleNameEndingWith("Service");

  @ArchTest
  static final ArchRule servicesHaveOneInjectConstructor =
      classes()
          .that()
          .resideInAPackage("io.chat.application.service..")
          .and()
          .haveSimpleNameEndingWith("Service")
          .should(haveExactlyOneInjectConstructor());

  @ArchTest
  static final ArchRule refusalsAreNamedExceptions =
      classes()
          .that()
          .areAssignableTo(ChatException.class)
          .should()
          .haveSimpleNameEndingWith("Exception");

  private static ArchRule technologyOnlyIn(List<String> allowed, String... technology) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(allowed.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(technology)
        .because("each technology stays behind the adapter made for it");
  }

  private static ArchCondition<JavaClass> haveExactlyOneInjectConstructor() {
    return new ArchCondition<>("have exactly one constructor, annotated @Inject") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        var constructors = item.getConstructors();
        boolean ok =
            constructors.size() == 1
                && constructors.stream()
                    .allMatch((JavaConstructor c) -> c.isAnnotatedWith("jakarta.inject.Inject"));
        if (!ok) {
          events.add(
              SimpleConditionEvent.violated(
                  item, item.getName() + " does not have exactly one @Inject constructor"));
        }
      }
    };
  }
}
