package dev.hostclone.adapter.http.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.DoublePredicate;

/** One {@code GET /metrics} answer, read as Prometheus text: a sample's value by its series, {@code name{labels}}. */
public record Scrape(int status, String contentType, String text) {

    public static Scrape of(ApiClient client) {
        ApiResponse response = client.send("GET", "/metrics", null);
        return new Scrape(response.status(), response.header("Content-Type"), response.body());
    }

    /**
     * Scrapes until the series' value satisfies {@code expected} (meters are recorded when a response
     * has ended, which the client may see first): the first scrape that does; fails after 5 s.
     */
    public static Scrape awaiting(ApiClient client, String series, DoublePredicate expected) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> of(client), scrape -> expected.test(scrape.value(series)));
    }

    /**
     * The value of the sample whose name and labels are exactly {@code series} (labels in the
     * exposition's alphabetical order: {@code x{api="a",code="0",door="esb"}}), or 0 when absent.
     */
    public double value(String series) {
        return text.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst()
                .orElse(0);
    }

    /** The sum of the samples whose line starts with {@code prefix} ({@code name{} for all of a meter's series, say). */
    public double sum(String prefix) {
        return text.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
