package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When a connection is idle, as {@link ConnectionCap} sees it through the guard, and what becomes of a request
 * read on one claimed for closing: on a Netty channel of its own, the guard alone in its pipeline, fed the
 * decoded messages the request decoder would hand it and the answers Vert.x would write.
 */
class AnsweringIdleGuardTest {

    private final AnsweringIdleGuard guard = new AnsweringIdleGuard();
    private final EmbeddedChannel channel = new EmbeddedChannel(guard);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void givenANewConnection_whenAsked_thenItIsIdleSinceItOpened() {
        assertThat(guard.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);
    }

    @Test
    void givenARequestRead_whenAnswered_thenItIsIdleFromTheAnswerOnly() {
        long opened = guard.idleSince();

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/clone"));
        assertThat(guard.idleSince()).as("its head read").isEqualTo(AnsweringIdleGuard.NOT_IDLE);
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(guard.idleSince()).as("arrived whole, not answered").isEqualTo(AnsweringIdleGuard.NOT_IDLE);
        channel.writeOutbound(answer(HttpResponseStatus.CONTINUE));
        assertThat(guard.idleSince()).as("told to go on only").isEqualTo(AnsweringIdleGuard.NOT_IDLE);
        channel.writeOutbound(answer(HttpResponseStatus.OK));

        assertThat(guard.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE).isGreaterThan(opened);
        assertThat((Object) channel.readInbound()).as("handed on").isInstanceOf(DefaultHttpRequest.class);
    }

    @Test
    void givenAnAnswerBeforeItsBodyArrived_whenTheBodyEnds_thenItIsIdleOnlyThen() {
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/clone"));
        channel.writeOutbound(answer(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
        assertThat(guard.idleSince()).as("the body still the client's to send").isEqualTo(AnsweringIdleGuard.NOT_IDLE);

        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(guard.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);
    }

    @Test
    void givenTwoRequestsPipelined_whenTheFirstIsAnswered_thenItIsIdleOnlyOnceBothAre() {
        for (int i = 0; i < 2; i++) {
            channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        }
        channel.writeOutbound(answer(HttpResponseStatus.OK));
        assertThat(guard.idleSince()).as("one answer owed").isEqualTo(AnsweringIdleGuard.NOT_IDLE);

        channel.writeOutbound(answer(HttpResponseStatus.OK));

        assertThat(guard.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);
    }

    @Test
    void givenAConnectionIdle_whenClaimedTwiceOrWithAnOlderReading_thenOnlyTheFirstClaimOfTheReadingHolds() {
        long opened = guard.idleSince();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        channel.writeOutbound(answer(HttpResponseStatus.OK));
        long answered = guard.idleSince();

        assertThat(guard.claimIfIdleSince(opened)).as("busy and idle again since that reading").isFalse();
        assertThat(guard.claimIfIdleSince(AnsweringIdleGuard.NOT_IDLE)).isFalse();
        assertThat(guard.claimIfIdleSince(answered)).isTrue();
        assertThat(channel.isOpen()).as("closed by the claim").isFalse();
        assertThat(guard.claimIfIdleSince(answered)).as("claimed already").isFalse();
        assertThat(guard.idleSince()).as("closing, no longer to be taken").isEqualTo(AnsweringIdleGuard.NOT_IDLE);
    }

    /**
     * A clock that has not moved between a look's reading and the next answer (a coarse one, or a fast request): the
     * connection is idle again from a time after the one read, so that a claim taken against the reading cannot take
     * a connection busy since. Until 2026-12-07 it was idle from the same time again, and the stale claim took it.
     */
    @Test
    void givenAClockThatHasNotMoved_whenARequestIsServedAfterTheReading_thenAClaimAgainstTheReadingFails() {
        long stopped = 1_000;
        AnsweringIdleGuard dated = new AnsweringIdleGuard(() -> stopped);
        EmbeddedChannel served = new EmbeddedChannel(dated);
        long read = dated.idleSince();

        served.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        served.writeOutbound(answer(HttpResponseStatus.OK));

        assertThat(dated.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE).isGreaterThan(read);
        assertThat(dated.claimIfIdleSince(read)).isFalse();
        assertThat(served.isOpen()).isTrue();
        served.finishAndReleaseAll();
    }

    /**
     * A clock whose readings fall on the values that mean "not idle" (its origin is any, and past its largest
     * value it wraps onto them): the connection is idle still, from the time just past them.
     */
    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, Long.MAX_VALUE})
    void givenAClockReadingOnTheValuesMeaningNotIdle_whenOpenedAndServed_thenItIsIdleStill(long reading) {
        AnsweringIdleGuard dated = new AnsweringIdleGuard(() -> reading);
        EmbeddedChannel served = new EmbeddedChannel(dated);
        assertThat(dated.idleSince()).as("as it opened").isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);

        served.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        served.writeOutbound(answer(HttpResponseStatus.OK));

        assertThat(dated.idleSince()).as("once served").isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);
        served.finishAndReleaseAll();
    }

    @Test
    void givenARequestOwedAnAnswer_whenClaimedWithTheReadingBeforeIt_thenTheClaimFails() {
        long opened = guard.idleSince();
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/clone"));

        assertThat(guard.claimIfIdleSince(opened)).isFalse();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void givenAnAnswerWrittenButNotYetSent_whenAsked_thenItIsIdleOnlyOnceSentAndFromItsWriting() {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));

        channel.write(answer(HttpResponseStatus.OK));
        assertThat(guard.idleSince()).as("written, not yet flushed to the socket").isEqualTo(AnsweringIdleGuard.NOT_IDLE);
        long beforeSending = System.nanoTime();
        channel.flush();

        assertThat(guard.idleSince()).isNotEqualTo(AnsweringIdleGuard.NOT_IDLE);
        assertThat(beforeSending - guard.idleSince()).as("dated from the writing, before its client can read it")
                .isNotNegative();
    }

    /**
     * The race the claim settles: a request that arrives once its connection is claimed is never begun, so that
     * closing the connection cuts nothing off; its client sees the connection closed, as at an idle timeout. Fed
     * through Netty's request decoder, as on a connection: a head comes apart from the rest of its request (its body,
     * its end), which is dropped too, since Vert.x fails on a request's end when it never had its head.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /clone HTTP/1.1\r\nHost: a\r\nContent-Length: 24\r\n\r\n{\"bk_org_ip\":\"10.0.0.1\"}",
            "POST /clone HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"})
    void givenAConnectionClaimed_whenARequestArrivesOnIt_thenNothingOfItIsHandedOnAndTheConnectionIsClosed(String request) {
        // claimed before its channel is known, so that the close the claim sends comes after the request, as when the
        // claim is taken on another event loop while this one reads
        AnsweringIdleGuard claimed = new AnsweringIdleGuard();
        assertThat(claimed.claimIfIdleSince(claimed.idleSince())).isTrue();
        EmbeddedChannel decoding = new EmbeddedChannel(new HttpRequestDecoder(), claimed);
        ByteBuf bytes = Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII);

        decoding.writeInbound(bytes);

        assertThat((Object) decoding.readInbound()).as("handed on").isNull();
        assertThat(bytes.refCnt()).as("its bytes released").isZero();
        assertThat(decoding.isOpen()).isFalse();
        decoding.finishAndReleaseAll();
    }

    private static DefaultFullHttpResponse answer(HttpResponseStatus status) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    }
}
