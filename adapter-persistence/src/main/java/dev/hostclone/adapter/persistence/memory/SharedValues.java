package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.host.Documents;
import dev.hostclone.domain.host.Host;
import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each text and number that hosts are created with in the memory store. Each request
 * brings its own copies, parsed from its body: ten thousand hosts held some 450,000 values, most of
 * them one of a few hundred (an OS, a maintainer, a size), each its own object. Shared, they are a few
 * hundred objects that stay in the cache, and a clone comparing two hosts' values compares the same
 * instance or reads two it read a moment ago: at 8 connections the plan's comparison fell from 4.3 %
 * of the server's samples to 1.2–1.7 %, the whole clone service from 20–21 % to 18 %. A clone copies
 * the source's instances, so its writes keep them shared. An update's new values are kept as given,
 * but for the updating user's name that every write stamps ({@link #sharedValueOf}, one lookup):
 * sharing them all (a lookup per value, in a table of every distinct value, on every write) cost 6 %
 * of the samples, more than the sharing saved. Unbounded, as the store is: it keeps every host a
 * request created, and a value here costs the table's entry beside it. The audit log keeps its
 * records' users, app codes and businesses here too. Not thread-safe: the store's lock guards it.
 */
final class SharedValues {

    private final Map<Object, Object> instances = new HashMap<>();

    /** The shared instance equal to {@code value} for texts and numbers; any other value as it is. */
    Object of(Object value) {
        boolean scalar = value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Double;
        return scalar ? instance(value) : value;
    }

    /**
     * The shared instance equal to {@code value}, which must never change (a text, a number, a record
     * of such); null as it is. For what the store keeps beside documents: an audit record's user, app
     * code and business.
     */
    @SuppressWarnings("unchecked")
    <T> T instance(T value) {
        if (value == null) {
            return null;
        }
        Object shared = instances.putIfAbsent(value, value);
        return shared == null ? value : (T) shared;
    }

    /** {@code document} with its values shared; itself when they are already. */
    Map<String, Object> shared(Map<String, Object> document) {
        return Documents.withValues(document, this::of);
    }

    /**
     * {@code document} with the value of {@code field} shared; itself when it is already, or absent.
     * For the updating user's name ({@code bk_updated_by}) that every write stamps: each host version
     * holding the request's own copy was 48 of the 514 bytes a clone added to the heap.
     */
    Map<String, Object> sharedValueOf(Map<String, Object> document, String field) {
        Object value = document.get(field);
        Object shared = instance(value);
        return shared == value ? document : Documents.withValues(document, each -> each == value ? shared : each);
    }

    /** {@code host} with its document's values shared; itself when they are already. */
    Host shared(Host host) {
        Map<String, Object> document = shared(host.document());
        return document == host.document() ? host : new Host(host.id(), host.business(), host.version(), document);
    }
}
