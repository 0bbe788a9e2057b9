package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeantNamesTest {

    private static final List<String> VARIABLES = List.of("HOSTCLONE_HTTP_PORT", "HOSTCLONE_HTTP_HOST",
            "HOSTCLONE_STORAGE", "HOSTCLONE_STORE_TIMEOUT", "HOSTCLONE_REQUEST_TIMEOUT", "HOSTCLONE_HTTP_IDLE_TIMEOUT",
            "HOSTCLONE_START_TIMEOUT", "HOSTCLONE_HTTP_TLS_CERT", "HOSTCLONE_HTTP_TLS_KEY", "HOSTCLONE_APPS",
            "HOSTCLONE_ADMINS", "HOSTCLONE_PG_URL", "HOSTCLONE_MAX_BODY_BYTES");
    private static final List<String> FLAGS = List.of("--http-port", "--http-host", "--storage", "--store-timeout",
            "--request-timeout", "--http-idle-timeout", "--apps", "--admins", "--pg-url", "--max-body-bytes");

    /**
     * A typo within three edits is offered alone; else every name holding all the given's words, as one who
     * remembered a setting by its last word (PORT for HTTP_PORT) wrote it, up to four; else nothing, rather than a guess.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HOSTCLONE_STORAG | ' (did you mean HOSTCLONE_STORAGE?)'",
            "HOSTCLONE_APP | ' (did you mean HOSTCLONE_APPS?)'",
            "HOSTCLONE_PORT | ' (did you mean HOSTCLONE_HTTP_PORT?)'",
            "HOSTCLONE_URL | ' (did you mean HOSTCLONE_PG_URL?)'",
            "HOSTCLONE_BODY_BYTES | ' (did you mean HOSTCLONE_MAX_BODY_BYTES?)'",
            "HOSTCLONE_TIMEOUT | ' (did you mean HOSTCLONE_HTTP_IDLE_TIMEOUT, HOSTCLONE_REQUEST_TIMEOUT,"
                    + " HOSTCLONE_START_TIMEOUT or HOSTCLONE_STORE_TIMEOUT?)'",
            // five of these hold HTTP: more than four are no answer
            "HOSTCLONE_HTTP | ''",
            "HOSTCLONE_SECRET | ''",
            "HOSTCLONE_ | ''",
            "--port | ' (did you mean --http-port?)'",
            "--app | ' (did you mean --apps?)'",
            "--colour | ''"})
    void givenAnUnknownName_whenAskedWhatWasMeant_thenTheNearOrWordForWordNamesAreOffered(String given, String offered) {
        List<String> known = given.startsWith("--") ? FLAGS : VARIABLES;

        assertThat(MeantNames.didYouMean(given, known)).isEqualTo(offered);
    }
}
