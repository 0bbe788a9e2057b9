package dev.hostclone.domain.host;

import java.util.List;

/**
 * Some fields of a frozen document, by position, in the order picked: the document's arrays
 * shared, each position one byte. The memory store keeps one of these in every audit record, and
 * with four-byte positions they were 76 of the 514 bytes a clone added to the heap; a document
 * of more fields than a byte numbers is picked by copying instead.
 */
final class PickedFields extends PositionalMap {

    static final int MAX_DOCUMENT_FIELDS = 256;

    private final FrozenDocument document;
    private final byte[] positions;

    private PickedFields(FrozenDocument document, byte[] positions) {
        this.document = document;
        this.positions = positions;
    }

    /**
     * The named fields of {@code document}, a document of at most {@link #MAX_DOCUMENT_FIELDS} fields:
     * see {@link Documents#fieldsOf}.
     */
    static PickedFields of(FrozenDocument document, List<String> names) {
        byte[] positions = new byte[names.size()];
        for (int i = 0; i < positions.length; i++) {
            int position = document.names.indexOf(names.get(i));
            if (position < 0) {
                throw new IllegalArgumentException("not a field of the document: " + names.get(i));
            }
            positions[i] = (byte) position;
        }
        return new PickedFields(document, positions);
    }

    private int positionAt(int index) {
        return positions[index] & 0xFF;
    }

    @Override
    String nameAt(int index) {
        return document.names.names[positionAt(index)];
    }

    @Override
    Object valueAt(int index) {
        return document.values[positionAt(index)];
    }

    @Override
    public int size() {
        return positions.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int position = position(key);
        return position < 0 ? null : document.values[position];
    }

    /** The key's position in the document when it is one of those picked, or -1. */
    private int position(Object key) {
        int position = document.names.indexOf(key);
        for (int i = 0; position >= 0 && i < positions.length; i++) {
            if (positionAt(i) == position) {
                return position;
            }
        }
        return -1;
    }
}
