package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.StoreUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class FacadeCallsTest {

    /**
     * A call cut off by close() (its next step waited on the closed Vert.x instance) may have written before: its
     * answer says the outcome is unknown, as a commit whose connection was lost does.
     */
    @Test
    void givenACallUnderWay_whenItsAnswerIsFailedByTheClose_thenItIsUnavailableWithItsOutcomeUnknown() {
        FacadeCalls calls = new FacadeCalls(Runnable::run);
        CompletionStage<String> underWay = calls.call(CompletableFuture::new);

        calls.close();
        calls.failPending();

        Throwable failure = underWay.toCompletableFuture().handle((answer, failed) ->
                failed instanceof CompletionException wrapped ? wrapped.getCause() : failed).join();
        assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the HostClone was closed while the call was under way");
        assertThat(((StoreUnavailableException) failure).outcomeUnknown()).isTrue();
    }
}
