package dev.hostclone.application.port.in;

/** One attribute of a host: its id, its name in Chinese and English, and the stored value (may be null). */
public record HostProperty(String propertyId, String name, String nameEn, Object value) {
}
