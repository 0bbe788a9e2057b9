package dev.hostclone.domain.host;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A frozen map as positions 0 … size - 1 of arrays nobody changes: walked position by position,
 * each entry made as it is read. Looking a key up is the subclass's.
 */
abstract class PositionalMap extends AbstractMap<String, Object> {

    @Override
    public abstract int size();

    abstract String nameAt(int index);

    abstract Object valueAt(int index);

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size()) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(nameAt(index), valueAt(index));
                    }
                };
            }

            @Override
            public int size() {
                return PositionalMap.this.size();
            }
        };
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size(); i++) {
            action.accept(nameAt(i), valueAt(i));
        }
    }
}
