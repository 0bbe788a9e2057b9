package dev.hostclone.domain.failure;

/** Why a value was refused; the HTTP adapter turns each into a sentence in the caller's language. */
public enum InvalidReason {
    /** Not a valid IPv4 or IPv6 address, where either is taken (a clone's source or target IP). */
    NOT_AN_IP,
    /** Not a comma list of valid IPv4 addresses, in a field that holds IPv4 addresses alone. */
    NOT_AN_IPV4,
    /** Not a comma list of valid IPv6 addresses, in a field that holds IPv6 addresses alone. */
    NOT_AN_IPV6,
    /** No host in the cloud area has this inner IP, or no host has this id there. */
    NO_HOST_MATCHES,
    /** Several hosts in the cloud area share this inner IP; only ID mode can tell them apart. */
    AMBIGUOUS_IP,
    /** The key is not an attribute of the host model. */
    UNKNOWN_ATTRIBUTE,
    /** The attribute may not be set through this API (not editable, or a system field). */
    NOT_WRITABLE,
    /** The value does not fit the attribute's type or option. */
    WRONG_TYPE_OR_OPTION,
    /** The value is outside the allowed set or pattern. */
    NOT_ALLOWED,
    /**
     * The value could not be checked against its attribute's pattern: the request's pattern checks had read
     * their values as often as one request may ({@code PatternBudget}).
     */
    PATTERN_TOO_COSTLY,
    /**
     * An attribute's pattern holds what Java's patterns read otherwise than BlueKing's Go: a POSIX class
     * ({@code [[:digit:]]}) or the flag {@code U}; refused, so that no pattern is stored to mean something else.
     */
    PATTERN_READ_OTHERWISE,
    /** The referenced entity (cloud area, unique rule, audit record) does not exist. */
    DOES_NOT_EXIST,
    /** The value is too long. */
    TOO_LONG,
    /** A built-in entity cannot be changed or deleted. */
    BUILT_IN,
    /** The value is already taken. */
    ALREADY_EXISTS,
    /** A condition BlueKing knows that HostClone does not serve: refused, not ignored, so no answer is wider than asked. */
    NOT_SERVED
}
