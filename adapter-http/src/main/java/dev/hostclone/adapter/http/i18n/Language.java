package dev.hostclone.adapter.http.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages HostClone answers in, with BlueKing's tags. */
public enum Language {
    ZH_CN("zh-cn"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The name to show in this language: the English one for {@link #EN} when there is one, else the Chinese one. */
    public String pick(String chinese, String english) {
        if (this == EN && english != null && !english.isBlank()) {
            return english;
        }
        return chinese;
    }

    /** Reads a tag as BlueKing sends it ({@code en}, {@code zh-cn}, {@code zh_CN}, {@code zh}); empty if none of ours. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String normalized = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (normalized.equals("en") || normalized.startsWith("en-")) {
            return Optional.of(EN);
        }
        if (normalized.equals("zh") || normalized.startsWith("zh-")) {
            return Optional.of(ZH_CN);
        }
        return Optional.empty();
    }
}
