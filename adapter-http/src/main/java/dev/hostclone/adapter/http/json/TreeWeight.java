package dev.hostclone.adapter.http.json;

/**
 * The most heap the tree Jackson builds of a JSON body can take, with the copy of the body's bytes it is built from,
 * told from the bytes alone before anything is built, so that the server can refuse a body whose tree it has no room
 * for. A tree may take over forty times its body's bytes ({@code [[[[1]]]],...}), so the bytes alone say little.
 *
 * <p>Counted outside the texts: a value follows each {@code ,}, {@code [} and {@code {} at most once, beside the
 * root; each {@code :} is an object's member; each {@code [} and {@code {} a container. Each is charged what its
 * objects take at most on HotSpot's defaults for heaps under 32 GiB (12-byte headers, 4-byte references, 8-byte
 * alignment), the sizes below; and every byte sent three more: one for its copy, two for what a text or a name built
 * from it may hold (a String keeps two bytes a character once one of its characters is past Latin-1, and each
 * character took at least a byte to send). Nodes Jackson shares ({@code null}, {@code true}, small integers, the empty
 * text) are charged as if they were not, and an empty container as if it held a value, so a tree weighs less: about
 * half its weight for a batch of hosts ({@code TreeWeightTest} measures both, object by object). A body that is not
 * well formed is weighed whole: Jackson builds of it only what comes before its first error.
 */
public final class TreeWeight {

    /**
     * A value and its place: a text's node (16), its String (24) and the String's array but its characters (16, and up
     * to 7 of alignment), or any other node, smaller; and its slot in an array's list, which grows by half (6): 69,
     * rounded up.
     */
    static final int VALUE_BYTES = 72;
    /**
     * An object's member beside its value: the map's entry (40), its share of the map's table, which doubles once three
     * quarters full (11), its name's String and the String's array but its characters (47): 98, rounded up.
     */
    static final int MEMBER_BYTES = 104;
    /** An object's node (24), its map (56), and the table of sixteen its first member makes (80). */
    static final int OBJECT_BYTES = 160;
    /** An array's node (24), its list (24), and the ten slots its first element makes (56). */
    static final int ARRAY_BYTES = 104;
    /** The body's copy, and what its texts and names may hold. */
    static final int BYTES_PER_BYTE = 3;

    private TreeWeight() {
    }

    /** The most bytes of heap {@code body}'s tree and the copy of its bytes can take. */
    public static long of(byte[] body) {
        long weight = (long) BYTES_PER_BYTE * body.length + VALUE_BYTES;
        boolean inText = false;
        boolean escaped = false;
        for (byte b : body) {
            if (inText) {
                // a byte of a character past ASCII is never a quote nor a backslash in UTF-8
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inText = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> inText = true;
                case ',' -> weight += VALUE_BYTES;
                case ':' -> weight += MEMBER_BYTES;
                case '{' -> weight += VALUE_BYTES + OBJECT_BYTES;
                case '[' -> weight += VALUE_BYTES + ARRAY_BYTES;
                default -> {
                    // a bracket's end, a digit, a letter of a literal, white space: nothing more built
                }
            }
        }
        return weight;
    }
}
