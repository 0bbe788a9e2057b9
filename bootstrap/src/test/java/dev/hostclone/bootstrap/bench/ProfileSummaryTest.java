package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a profiled phase's samples are charged, from stacks as async-profiler collapses them. */
class ProfileSummaryTest {

    private static final String LOOP = "java/lang/Thread.run;io/netty/util/concurrent/FastThreadLocalRunnable.run;"
            + "io/netty/channel/SingleThreadIoEventLoop.run";

    @Test
    void givenStacksThroughOurCode_whenSummed_thenEachGoesToItsDeepestFrameOfOursAndWhatThatCalled() {
        ProfileSummary summary = ProfileSummary.of(List.of(
                LOOP + ";dev/hostclone/adapter/http/server/ApiRouteHandler.handle;dev/hostclone/adapter/http/json/JsonBodyParser.parseObject;"
                        + "com/fasterxml/jackson/databind/ObjectMapper.readTree;com/fasterxml/jackson/core/json/ReaderBasedJsonParser.nextToken 30",
                LOOP + ";dev/hostclone/adapter/http/server/ApiRouteHandler.handle;dev/hostclone/adapter/http/json/JsonBodyParser.parseObject;"
                        + "com/fasterxml/jackson/databind/ObjectMapper.readTree 10",
                LOOP + ";dev/hostclone/domain/clone/ClonePlan.between 5"));

        assertThat(summary.samplesByPlace()).containsExactly(
                Map.entry("adapter/http/json/JsonBodyParser.parseObject → ObjectMapper.readTree", 40L),
                Map.entry("domain/clone/ClonePlan.between → (itself)", 5L));
        assertThat(summary.total()).isEqualTo(45);
    }

    @Test
    void givenStacksWithoutOurCode_whenSummed_thenEachGoesToItsKind() {
        ProfileSummary summary = ProfileSummary.of(List.of(
                "start_thread;thread_native_entry;Thread::call_run;JavaThread::thread_main_inner;"
                        + "CompileBroker::compiler_thread_loop;C2Compiler::compile_method 7",
                "start_thread;thread_native_entry;Thread::call_run;WorkerThread::run;G1EvacuateRegionsTask::work 3",
                LOOP + ";io/netty/channel/nio/NioIoHandler.run;sun/nio/ch/SocketDispatcher.write0;__GI___send;tcp_sendmsg_[k] 11",
                LOOP + ";io/netty/channel/nio/AbstractNioByteChannel$NioByteUnsafe.read;sun/nio/ch/SocketDispatcher.read0;recv 9",
                LOOP + ";io/netty/channel/nio/NioIoHandler.select;sun/nio/ch/EPollSelectorImpl.doSelect;epoll_wait 8",
                LOOP + ";io/netty/handler/codec/http/HttpObjectDecoder.decode;io/netty/handler/codec/http/HttpObjectDecoder.readHeaders 6",
                LOOP + ";io/vertx/core/net/impl/VertxConnection.read;io/netty/buffer/AbstractByteBuf.release 5",
                "[unknown_Java] 1"));

        assertThat(summary.samplesByPlace()).containsExactly(
                Map.entry(ProfileSummary.SOCKET_WRITES, 11L),
                Map.entry(ProfileSummary.SOCKET_READS, 9L),
                Map.entry(ProfileSummary.WAITING, 8L),
                Map.entry(ProfileSummary.JIT, 7L),
                Map.entry(ProfileSummary.HTTP_DECODING, 6L),
                Map.entry(ProfileSummary.NETTY, 5L),
                Map.entry(ProfileSummary.GC, 3L),
                Map.entry(ProfileSummary.OTHER, 1L));
    }

    @Test
    void givenOnePlaceThroughLambdasOfTwoNumbers_whenSummed_thenItIsOnePlace() {
        ProfileSummary summary = ProfileSummary.of(List.of(
                LOOP + ";dev/hostclone/application/service/CloneHostPropertyService$$Lambda$580.0x00007f99c0352248.apply;"
                        + "java/lang/invoke/LambdaForm$MH.0x00007f9204331800.linkToTargetMethod 2",
                LOOP + ";dev/hostclone/application/service/CloneHostPropertyService$$Lambda$581.0x00007f99c0352a00.apply;"
                        + "java/lang/invoke/LambdaForm$MH.0x00007f9204337000.linkToTargetMethod 3"));

        assertThat(summary.samplesByPlace()).containsExactly(Map.entry(
                "application/service/CloneHostPropertyService$$Lambda.apply → LambdaForm$MH.linkToTargetMethod", 5L));
    }

    @Test
    void givenWhatThePhaseCostPerRequest_whenRendered_thenEachPlaceGetsItsShareOfIt_andSmallOnesAreLeftOut() {
        ProfileSummary summary = ProfileSummary.of(List.of(
                LOOP + ";io/vertx/core/net/impl/VertxConnection.flush 60",
                LOOP + ";dev/hostclone/adapter/http/server/Envelopes.write;io/vertx/core/http/impl/Http1xServerResponse.end 30",
                LOOP + ";dev/hostclone/adapter/http/server/AccessLog.write 10"));

        assertThat(summary.render(40.0, 5.0)).isEqualTo(ProfileSummary.NETTY + " 24.00; "
                + "adapter/http/server/Envelopes.write → Http1xServerResponse.end 12.00");
    }
}
