package dev.hostclone.bootstrap.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A profiled phase's samples ({@link ServerProfiler}, async-profiler's collapsed stacks: the frames
 * from the thread's root to the leaf, {@code ;} apart, then the count), charged to places a reader can
 * act on. A stack through HostClone's own code goes to its deepest frame of ours and the frame it
 * called, {@code adapter/http/json/JsonBodyParser.parseObject → ObjectMapper.readTree}: a library's
 * time is charged to the call of ours that asked for it. A stack without any goes to its kind: the
 * JIT's compilers, the garbage collector, or Netty and Vert.x outside our handlers, by what they were
 * doing (writing to a socket, reading from one, waiting for one, decoding HTTP, the rest), the
 * kernel's work under them included; or other.
 *
 * @param samplesByPlace every place's samples, the most first
 * @param total          all samples of the phase
 */
record ProfileSummary(Map<String, Long> samplesByPlace, long total) {

    static final String JIT = "[the JIT's compilers]";
    static final String GC = "[the garbage collector]";
    static final String SOCKET_WRITES = "[socket writes]";
    static final String SOCKET_READS = "[socket reads]";
    static final String WAITING = "[waiting for sockets]";
    static final String HTTP_DECODING = "[HTTP decoding]";
    static final String NETTY = "[Netty and Vert.x, the rest]";
    static final String OTHER = "[other]";
    private static final String OWN_CODE = "dev/hostclone/";
    /** What Netty and Vert.x were doing, by a frame of the stack: the first kind found, in this order. */
    private static final List<Kind> NETTY_KINDS = List.of(
            new Kind(SOCKET_WRITES, Pattern.compile("(write|writev)0$|sendmsg|__GI___send|__send")),
            new Kind(SOCKET_READS, Pattern.compile("(read|readv)0$|recvmsg|__GI___recv|^recv$")),
            new Kind(WAITING, Pattern.compile("epoll_wait|EPollSelectorImpl\\.doSelect|ep_poll")),
            new Kind(HTTP_DECODING, Pattern.compile("HttpObjectDecoder|HttpServerRequestDecoder")));
    /** The parts of a frame's name that change from one JVM to the next: a lambda's number, a generated class's address. */
    private static final Pattern LAMBDA_NUMBER = Pattern.compile("\\$\\$Lambda\\$\\d+");
    private static final Pattern ADDRESS = Pattern.compile("\\.0x[0-9a-f]+");

    /** The summary of {@code collapsed}, one stack a line. */
    static ProfileSummary of(List<String> collapsed) {
        Map<String, Long> samples = new LinkedHashMap<>();
        long total = 0;
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).strip());
            samples.merge(place(line.substring(0, space).split(";")), count, Long::sum);
            total += count;
        }
        Map<String, Long> mostFirst = samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new ProfileSummary(mostFirst, total);
    }

    /** Where a stack's sample is charged. */
    private static String place(String[] frames) {
        int deepestOwn = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].contains("CompileBroker::")) {
                return JIT;
            }
            if (frames[i].startsWith(OWN_CODE)) {
                deepestOwn = i;
            }
        }
        if (deepestOwn >= 0) {
            String called = deepestOwn + 1 < frames.length ? simpleName(frames[deepestOwn + 1]) : "(itself)";
            return stable(frames[deepestOwn].substring(OWN_CODE.length())) + " → " + called;
        }
        List<String> stack = List.of(frames);
        if (stack.stream().anyMatch(frame -> frame.startsWith("G1") || frame.contains("GCTaskThread")
                || frame.startsWith("ConcurrentGCThread"))) {
            return GC;
        }
        if (stack.stream().noneMatch(frame -> frame.startsWith("io/netty/") || frame.startsWith("io/vertx/"))) {
            return OTHER;
        }
        return NETTY_KINDS.stream()
                .filter(kind -> stack.stream().anyMatch(frame -> kind.frame().matcher(frame).find()))
                .map(Kind::name)
                .findFirst().orElse(NETTY);
    }

    /**
     * The places taking at least {@code minimumMicros} per request, the most first, as
     * {@code "place 1.23"}, given what the phase cost the server per request: each place its share of
     * the samples of that.
     */
    String render(double cpuMicrosPerRequest, double minimumMicros) {
        return samplesByPlace.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), micros(entry.getValue(), cpuMicrosPerRequest)))
                .filter(entry -> entry.getValue() >= minimumMicros)
                .map(entry -> "%s %.2f".formatted(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining("; "));
    }

    private double micros(long samples, double cpuMicrosPerRequest) {
        return total == 0 ? 0 : cpuMicrosPerRequest * samples / total;
    }

    /** {@code io/vertx/core/http/impl/Http1xServerResponse.end} as {@code Http1xServerResponse.end}. */
    private static String simpleName(String frame) {
        return stable(frame.substring(frame.lastIndexOf('/') + 1));
    }

    private static String stable(String frame) {
        return ADDRESS.matcher(LAMBDA_NUMBER.matcher(frame).replaceAll(Matcher.quoteReplacement("$$Lambda"))).replaceAll("");
    }

    /** A kind of Netty's and Vert.x's work, and a frame that shows it. */
    private record Kind(String name, Pattern frame) {
    }
}
