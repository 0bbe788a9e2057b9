package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.AppAuthentication;
import java.util.concurrent.CompletionStage;

/** Checks an app's code and secret (API.md §6). */
public interface AuthenticateAppUseCase {

    CompletionStage<AppAuthentication> authenticate(AppCredentials credentials);
}
