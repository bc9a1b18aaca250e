package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.chat.adapter.http.archviolation.RestCallsRealtime;
import io.chat.adapter.http.archviolation.RestOpensWebSockets;
import io.chat.adapter.http.archviolation.RestParsesLikeRealtime;
import io.chat.adapter.http.archviolation.RestQueriesMongo;
import io.chat.adapter.http.archviolation.RestQueriesSql;
import io.chat.adapter.http.archviolation.RestTalksToRedis;
import io.chat.adapter.http.archviolation.RestVerifiesJwts;
import io.chat.adapter.http.archviolation.RestWiresTheCore;
import io.chat.adapter.mongo.archviolation.StoreWaits;
import io.chat.adapter.push.archviolation.PushWritesWireJson;
import io.chat.adapter.wire.Json;
import io.chat.adapter.wire.archviolation.WireAnswersWithJavalin;
import io.chat.adapter.ws.RealtimeChat;
import io.chat.adapter.ws.engineio.EngineIoServlet;
import io.chat.adapter.ws.engineio.archviolation.EngineIoReadsMessages;
import io.chat.adapter.ws.engineio.archviolation.EngineIoStartsSocketIo;
import io.chat.adapter.ws.plain.PlainWebSocketServlet;
import io.chat.adapter.ws.socketio.SocketIoServer;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.archviolation.ServiceLogs;
import io.chat.application.port.in.archviolation.BlockingSendUseCase;
import io.chat.application.port.in.archviolation.MessageSender;
import io.chat.application.port.out.archviolation.BlockingChatEvents;
import io.chat.application.port.out.archviolation.FireAndForgetStore;
import io.chat.application.port.out.archviolation.IdLookup;
import io.chat.application.service.archviolation.SendMessageHandler;
import io.chat.application.service.archviolation.TwoWaysService;
import io.chat.archviolation.ChatRefusal;
import io.chat.archviolation.cycle.a.Ping;
import io.chat.archviolation.cycle.b.Pong;
import io.chat.domain.archviolation.DomainParsesJson;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureTest} fails on a class that breaks it. The violators are test
 * classes in packages named so that the rule applies to them ({@code ..archviolation..}); the real
 * check imports main classes only, so it never sees them. Each check names its violators, so a rule
 * that failed for another reason (an empty selection, say) would not pass here.
 */
class ArchitectureRulesCanFailTest {

  @Test
  void onionRefusesAnAdapterUsingAnotherOrTheWireJsonOutsideTheWebAdapters() {
    // A layer's rule looks at who uses its classes, so the used classes are imported too.
    assertFailsNaming(
        ArchitectureTest.onion,
        classes(RestCallsRealtime.class, RealtimeChat.class, PushWritesWireJson.class, Json.class),
        RestCallsRealtime.class,
        PushWritesWireJson.class);
  }

  @Test
  void adaptersDoNotDependOnServicesRefusesAnAdapterTakingTheWiredCore() {
    assertFailsNaming(ArchitectureTest.adaptersDoNotDependOnServices, RestWiresTheCore.class);
  }

  @Test
  void realtimeLayersDependDownwardOnlyRefusesEngineIoUsingSocketIo() {
    // One real class per layer besides the violator: a layer left empty would fail on its own,
    // and the used class must be there for the layer's rule to see who uses it.
    assertFailsNaming(
        ArchitectureTest.realtimeLayersDependDownwardOnly,
        classes(
            EngineIoStartsSocketIo.class,
            RealtimeChat.class,
            SocketIoServer.class,
            PlainWebSocketServlet.class,
            EngineIoServlet.class,
            BoundedJson.class),
        EngineIoStartsSocketIo.class);
  }

  @Test
  void engineIoKnowsNothingOfTheChatRefusesEngineIoReadingAMessage() {
    assertFailsNaming(ArchitectureTest.engineIoKnowsNothingOfTheChat, EngineIoReadsMessages.class);
  }

  @Test
  void domainDependsOnItselfAndTheJdkOnlyRefusesJackson() {
    assertFailsNaming(ArchitectureTest.domainDependsOnItselfAndTheJdkOnly, DomainParsesJson.class);
  }

  @Test
  void applicationDependsOnDomainJdkAndInjectOnlyRefusesALogger() {
    assertFailsNaming(
        ArchitectureTest.applicationDependsOnDomainJdkAndInjectOnly, ServiceLogs.class);
  }

  @Test
  void mongoDriverOnlyInTheMongoAdapterRefusesBsonInRest() {
    assertFailsNaming(ArchitectureTest.mongoDriverOnlyInTheMongoAdapter, RestQueriesMongo.class);
  }

  @Test
  void sqliteAndJdbcOnlyInTheSqliteAdapterRefusesJdbcInRest() {
    assertFailsNaming(ArchitectureTest.sqliteAndJdbcOnlyInTheSqliteAdapter, RestQueriesSql.class);
  }

  @Test
  void redisClientOnlyInTheRedisAdapterRefusesLettuceInRest() {
    assertFailsNaming(ArchitectureTest.redisClientOnlyInTheRedisAdapter, RestTalksToRedis.class);
  }

  @Test
  void javalinAndJettyOnlyInWebAdaptersAndBootstrapRefusesJavalinInTheWireJson() {
    assertFailsNaming(
        ArchitectureTest.javalinAndJettyOnlyInWebAdaptersAndBootstrap,
        WireAnswersWithJavalin.class);
  }

  @Test
  void jettyWebSocketOnlyInTheRealtimeAdapterRefusesItInRest() {
    assertFailsNaming(
        ArchitectureTest.jettyWebSocketOnlyInTheRealtimeAdapter, RestOpensWebSockets.class);
  }

  @Test
  void realtimeProtocolsOnlyInTheRealtimeAdapterRefusesTheirPackagesInRest() {
    assertFailsNaming(
        ArchitectureTest.realtimeProtocolsOnlyInTheRealtimeAdapter, RestParsesLikeRealtime.class);
  }

  @Test
  void nimbusOnlyInTheJwtAdapterRefusesItInRest() {
    assertFailsNaming(ArchitectureTest.nimbusOnlyInTheJwtAdapter, RestVerifiesJwts.class);
  }

  @Test
  void noBlockingCallsInMainCodeRefusesAJoin() {
    assertFailsNaming(ArchitectureTest.noBlockingCallsInMainCode, StoreWaits.class);
  }

  @Test
  void noPackageCyclesRefusesTwoPackagesUsingEachOther() {
    assertFailsNaming(
        ArchitectureTest.noPackageCycles, classes(Ping.class, Pong.class), Ping.class, Pong.class);
  }

  @Test
  void inboundPortsAreUseCasesOrQueriesRefusesAnotherName() {
    assertFailsNaming(ArchitectureTest.inboundPortsAreUseCasesOrQueries, MessageSender.class);
  }

  @Test
  void inboundPortsAnswerWithStagesRefusesADirectAnswer() {
    assertFailsNaming(ArchitectureTest.inboundPortsAnswerWithStages, BlockingSendUseCase.class);
  }

  @Test
  void outboundPortsAnswerWithStagesRefusesBlockingLookupsWritesAndIdLookups() {
    assertFailsNaming(
        ArchitectureTest.outboundPortsAnswerWithStages,
        BlockingChatEvents.class,
        FireAndForgetStore.class,
        IdLookup.class);
  }

  @Test
  void useCaseImplementationsAreServicesRefusesAHandler() {
    assertFailsNaming(ArchitectureTest.useCaseImplementationsAreServices, SendMessageHandler.class);
  }

  @Test
  void servicesHaveOneInjectConstructorRefusesTwoPlainOnes() {
    assertFailsNaming(ArchitectureTest.servicesHaveOneInjectConstructor, TwoWaysService.class);
  }

  @Test
  void refusalsAreNamedExceptionsRefusesAnotherName() {
    assertFailsNaming(ArchitectureTest.refusalsAreNamedExceptions, ChatRefusal.class);
  }

  @Test
  void everyRuleHasATestHereNamedAfterIt() {
    List<String> tests =
        Arrays.stream(getClass().getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .map(Method::getName)
            .toList();

    assertThat(
            Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(ArchTest.class))
                .map(Field::getName))
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(tests).anyMatch(test -> test.startsWith(rule)));
  }

  private static JavaClasses classes(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  private static void assertFailsNaming(ArchRule rule, Class<?>... violators) {
    assertFailsNaming(rule, classes(violators), violators);
  }

  private static void assertFailsNaming(ArchRule rule, JavaClasses classes, Class<?>... violators) {
    var failure = assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class);
    for (Class<?> violator : violators) {
      failure.hasMessageContaining(violator.getName());
    }
  }
}
