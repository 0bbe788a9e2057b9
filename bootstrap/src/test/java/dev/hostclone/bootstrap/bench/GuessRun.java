package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.persistence.SecretHashing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * What callers without a valid secret cost one that has it, on each storage: a caller with the right
 * secret sends a clone every 20 ms, alone, then while sixteen clients send 400 wrong secrets a second
 * for its app, then while they send one wrong secret, the same every time (a client left with an old
 * secret after a rotation), then while eight send 1,000 app codes of 4 kB a second that no app has.
 * Its latency in each phase is held against its latency alone, measured in the same run; the report
 * gives what the others were answered, the share of the cores the server took, and the server's heap
 * after a full collection before and after the made-up codes. During the wrong secrets, five more apps
 * send their first request, one every few seconds, as a client does after a start of the server: each
 * waits for its secret's slow check, which the guesses compete for; the report gives how many tries (a
 * 429 asks for one more a second later) and how long each took to its first 200. The others keep to
 * their rates rather than send as fast as they are answered: on a machine they share with the server,
 * clients answered 429 at once would otherwise take the cores from it.
 *
 * <p>{@code mvn -q -pl bootstrap -Pguess exec:exec} (about 4 minutes; {@code -Dguess.seconds=N} per
 * phase), after {@code mvn package}. The clones name hosts the server does not have, so each is
 * answered 1199006 without a write: what is measured is the way in, not the store.
 */
public final class GuessRun {

    private static final String CLONE = "/api/v3/hosts/property/clone";
    private static final String BODY = "{\"bk_biz_id\":1,\"bk_org_ip\":\"10.9.9.1\",\"bk_dst_ip\":\"10.9.9.2\",\"bk_cloud_id\":0}";
    private static final long CALLER_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int GUESSERS = 16;
    private static final int GUESSES_PER_SECOND = 400;
    private static final int CODE_MAKERS = 8;
    private static final int MADE_UP_CODES_PER_SECOND = 1_000;
    private static final int MADE_UP_CODE_LENGTH = 4_000;
    private static final int LATECOMERS = 5;

    private GuessRun() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 20);
        Path jar = Path.of(System.getProperty("jar", "bootstrap/target/hostclone.jar"));
        List<String> lines = new ArrayList<>();
        lines.add("Callers without a valid secret against one with it: its clone every 20 ms, " + seconds
                + " s per phase; " + GUESSERS + " clients sending " + GUESSES_PER_SECOND + " wrong secrets a second"
                + " (all different, then one old secret), "
                + CODE_MAKERS + " sending " + MADE_UP_CODES_PER_SECOND + " made-up app codes of " + MADE_UP_CODE_LENGTH
                + " characters a second; -Xmx256m");
        lines.add("");
        lines.add("| storage | phase | caller's answers | caller p50 ms | p99 ms | max ms | p50 vs alone | the others' answers | server CPU, % of the cores | heap after GC MiB |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        List<String> firstAnswers = new ArrayList<>();
        List<String> secretChecks = new ArrayList<>();
        try (BenchPostgres bench = BenchPostgres.start(false, BenchPostgres.Setup.asked())) {
            measure("memory", jar, List.of("--storage=memory"), seconds, lines, firstAnswers, secretChecks);
            measure("postgres", jar, List.of("--storage=postgres", "--pg-url=" + bench.url()), seconds, lines, firstAnswers,
                    secretChecks);
        }
        lines.add("");
        lines.add("Each latecomer's first request during the wrong secrets, to its first 200 (tries, ms):");
        lines.add("");
        lines.addAll(firstAnswers);
        lines.add("");
        lines.add("The server's checks of secrets over all phases, by answer (its /metrics, hostclone_secret_checks_total):");
        lines.add("");
        lines.addAll(secretChecks);
        lines.add("");
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        Path out = BenchOutput.file("guess-report.md");
        Files.write(out, lines);
        lines.forEach(System.out::println);
        System.out.println("written to " + out);
    }

    private static void measure(String storage, Path jar, List<String> storageFlags, int seconds, List<String> lines,
                                List<String> firstAnswers, List<String> secretChecks) throws Exception {
        List<String> flags = new ArrayList<>(storageFlags);
        List<String> latecomers = new ArrayList<>();
        StringBuilder apps = new StringBuilder(ServerProcess.APPS);
        for (int i = 1; i <= LATECOMERS; i++) {
            apps.append(",late-").append(i).append(':').append(SecretHashing.hash("late-secret-" + i));
            latecomers.add("{\"bk_app_code\":\"late-" + i + "\",\"bk_app_secret\":\"late-secret-" + i
                    + "\",\"bk_username\":\"" + ServerProcess.ADMIN + "\"}");
        }
        flags.add("--apps=" + apps);
        try (ServerProcess server = ServerProcess.start("server-guess-" + storage, jar, "256m", flags)) {
            URI clone = URI.create("http://127.0.0.1:" + server.port() + CLONE);
            // the caller's secret proven, and the way in compiled, before anything is measured
            phase(server, clone, seconds, 0, 0, null, List.of());
            Phase alone = phase(server, clone, seconds, 0, 0, null, List.of());
            lines.add(row(storage, "alone", alone, alone, "-", server.heapAfterGcMiB() + ""));
            Phase guessed = phase(server, clone, seconds, GUESSERS, GUESSES_PER_SECOND,
                    n -> "{\"bk_app_code\":\"" + ServerProcess.APP + "\",\"bk_app_secret\":\"guess-" + n
                            + "\",\"bk_username\":\"" + ServerProcess.ADMIN + "\"}", latecomers);
            lines.add(row(storage, "wrong secrets", guessed, alone, guessed.others().toString(), "-"));
            firstAnswers.add("- " + storage + ": " + guessed.latecomers().stream().map(Latecomer::toString)
                    .collect(Collectors.joining("; ")));
            Phase oldSecret = phase(server, clone, seconds, GUESSERS, GUESSES_PER_SECOND,
                    n -> "{\"bk_app_code\":\"" + ServerProcess.APP + "\",\"bk_app_secret\":\"old-secret\",\"bk_username\":\""
                            + ServerProcess.ADMIN + "\"}", List.of());
            lines.add(row(storage, "one old secret", oldSecret, alone, oldSecret.others().toString(), "-"));
            long heapBefore = server.heapAfterGcMiB();
            String pad = "x".repeat(MADE_UP_CODE_LENGTH);
            Phase madeUp = phase(server, clone, seconds, CODE_MAKERS, MADE_UP_CODES_PER_SECOND,
                    n -> "{\"bk_app_code\":\"" + pad + n + "\",\"bk_app_secret\":\"x\",\"bk_username\":\"" + ServerProcess.ADMIN + "\"}",
                    List.of());
            lines.add(row(storage, "made-up app codes", madeUp, alone, madeUp.others().toString(),
                    heapBefore + " → " + server.heapAfterGcMiB()));
            secretChecks.add("- " + storage + ": " + secretChecksCounted(server));
        }
    }

    /** What the server's {@code /metrics} counted of its checks of secrets, by answer, since it started. */
    private static String secretChecksCounted(ServerProcess server) throws Exception {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        String prefix = "hostclone_secret_checks_total{answer=\"";
        return client().send(scrape, HttpResponse.BodyHandlers.ofString()).body().lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).replace("\"} ", " ").replaceAll("\\.0$", ""))
                .collect(Collectors.joining(", "));
    }

    private static String row(String storage, String phase, Phase measured, Phase alone, String others, String heap) {
        return "| %s | %s | %d | %.1f | %.1f | %.1f | %.2f | %s | %.0f | %s |".formatted(storage, phase, measured.answers(),
                measured.p50Millis(), measured.p99Millis(), measured.maxMillis(), measured.p50Millis() / alone.p50Millis(),
                others, measured.serverCoresPercent(), heap);
    }

    /**
     * The caller alone for {@code seconds}, or beside {@code others} clients sending {@code perSecond}
     * requests a second between them, each one at a time, with the credentials header
     * {@code otherHeader} makes of a running number; meanwhile each of {@code latecomers} (credentials
     * headers) sends its first request, spread over the phase, until it is answered 200.
     */
    private static Phase phase(ServerProcess server, URI clone, int seconds, int others, int perSecond, LongFunction<String> otherHeader,
                               List<String> latecomers) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Duration cpuBefore = server.cpuTime();
        long began = System.nanoTime();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong numbers = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            long every = TimeUnit.SECONDS.toNanos(others) / perSecond;
            Thread other = new Thread(() -> {
                HttpClient http = client();
                for (long due = System.nanoTime(); !stop.get(); due = Math.max(due + every, System.nanoTime() - every)) {
                    if (!sleepUntil(due)) {
                        return;
                    }
                    statuses.computeIfAbsent(send(http, clone, otherHeader.apply(numbers.incrementAndGet())), status -> new LongAdder())
                            .increment();
                }
            }, "guess-run-other-" + i);
            other.start();
            threads.add(other);
        }
        List<Latecomer> firstAnswers = Collections.synchronizedList(new ArrayList<>());
        long every = TimeUnit.SECONDS.toNanos(seconds) / (latecomers.size() + 1);
        long start = System.nanoTime();
        for (int i = 0; i < latecomers.size(); i++) {
            long due = start + every * (i + 1);
            String authorization = latecomers.get(i);
            Thread late = new Thread(() -> {
                if (sleepUntil(due)) {
                    firstAnswers.add(firstAnswer(client(), clone, authorization));
                }
            }, "guess-run-latecomer-" + i);
            late.start();
            threads.add(late);
        }
        HttpClient http = client();
        List<Long> nanos = new ArrayList<>();
        int wrongAnswers = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long due = System.nanoTime(); due < end; due += CALLER_EVERY_NANOS) {
            sleepUntil(due);
            long sent = System.nanoTime();
            if (send(http, clone, ServerProcess.AUTHORIZATION) != 200) {
                wrongAnswers++;
            }
            nanos.add(System.nanoTime() - sent);
            // a closed loop: an answer later than the next one was due delays the rest
            due = Math.max(due, System.nanoTime() - CALLER_EVERY_NANOS);
        }
        stop.set(true);
        for (Thread other : threads) {
            other.join();
        }
        if (wrongAnswers > 0) {
            throw new IllegalStateException(wrongAnswers + " of the caller's requests were not answered 200");
        }
        Collections.sort(nanos);
        Map<Integer, Long> answered = new TreeMap<>();
        statuses.forEach((status, count) -> answered.put(status, count.sum()));
        firstAnswers.sort(Comparator.comparingLong(Latecomer::sentAt));
        double serverCoresPercent = 100.0 * server.cpuTime().minus(cpuBefore).toNanos()
                / (System.nanoTime() - began) / Runtime.getRuntime().availableProcessors();
        return new Phase(nanos, answered, List.copyOf(firstAnswers), serverCoresPercent);
    }

    /** One request sent until it is answered 200, a 429 waiting the second it asks for; gives up after 30 tries. */
    private static Latecomer firstAnswer(HttpClient http, URI clone, String authorization) {
        long sent = System.nanoTime();
        int status = 0;
        int tries = 0;
        while (status != 200 && tries < 30) {
            if (tries > 0 && !sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(1))) {
                break;
            }
            status = send(http, clone, authorization);
            tries++;
            if (status != 200 && status != 429) {
                break;
            }
        }
        return new Latecomer(sent, tries, status, (System.nanoTime() - sent) / 1e6);
    }

    /** False when interrupted. */
    private static boolean sleepUntil(long due) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The status of one clone sent with this credentials header; -1 when no answer came. */
    private static int send(HttpClient http, URI clone, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(clone).timeout(Duration.ofSeconds(30))
                .header("X-Bkapi-Authorization", authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(BODY)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException noAnswer) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A latecomer's first request: when it was first sent, the tries it took, the last status (200 unless it gave up), and the time to it. */
    private record Latecomer(long sentAt, int tries, int status, double millis) {

        @Override
        public String toString() {
            return (status == 200 ? "" : "status " + status + " after ") + tries + ", " + Math.round(millis);
        }
    }

    /**
     * The caller's latencies in one phase, sorted, how many of the others' requests got each status,
     * the latecomers' first requests, and the share of the machine's cores the server took meanwhile.
     */
    private record Phase(List<Long> nanos, Map<Integer, Long> others, List<Latecomer> latecomers, double serverCoresPercent) {

        int answers() {
            return nanos.size();
        }

        double p50Millis() {
            return at(0.50);
        }

        double p99Millis() {
            return at(0.99);
        }

        double maxMillis() {
            return nanos.get(nanos.size() - 1) / 1e6;
        }

        private double at(double quantile) {
            return nanos.get(Math.min(nanos.size() - 1, (int) (nanos.size() * quantile))) / 1e6;
        }
    }
}
