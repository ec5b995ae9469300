#include "cre2.h"

#include <re2/re2.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

struct cre2_regexp {
    re2::RE2 regexp;
    /// Group names by index (empty for unnamed groups and for index 0).
    std::vector<std::string> names;

    cre2_regexp(const re2::StringPiece &pattern, const re2::RE2::Options &options) : regexp(pattern, options) {}
};

/// Go's regexp/syntax wording for RE2's error codes, so that messages read as OPA's do.
static const char *go_error_text(re2::RE2::ErrorCode code) {
    switch (code) {
    case re2::RE2::ErrorBadEscape: return "invalid escape sequence";
    case re2::RE2::ErrorBadCharClass: return "invalid character class";
    case re2::RE2::ErrorBadCharRange: return "invalid character class range";
    case re2::RE2::ErrorMissingBracket: return "missing closing ]";
    case re2::RE2::ErrorMissingParen: return "missing closing )";
    case re2::RE2::ErrorUnexpectedParen: return "unexpected )";
    case re2::RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case re2::RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case re2::RE2::ErrorRepeatSize: return "invalid repeat count";
    case re2::RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case re2::RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case re2::RE2::ErrorBadUTF8: return "invalid UTF-8";
    case re2::RE2::ErrorBadNamedCapture: return "invalid named capture";
    case re2::RE2::ErrorPatternTooLarge: return "expression too large";
    default: return "regexp/syntax: internal error";
    }
}

static void copy_error(const std::string &message, char *error, size_t capacity) {
    if (error == nullptr || capacity == 0) return;
    size_t count = message.size() < capacity - 1 ? message.size() : capacity - 1;
    std::memcpy(error, message.data(), count);
    error[count] = '\0';
}

extern "C" cre2_regexp *cre2_compile(const char *pattern, size_t length, int64_t max_memory, char *error,
                                     size_t error_capacity) {
    try {
        re2::RE2::Options options;
        options.set_encoding(re2::RE2::Options::EncodingUTF8);
        options.set_posix_syntax(false);  // Perl-like classes, \b, (?flags), non-greedy: Go's syntax.Perl
        options.set_longest_match(false); // leftmost-first, as Go's regexp (not its POSIX variant)
        options.set_log_errors(false);
        options.set_max_mem(max_memory);
        cre2_regexp *compiled = new cre2_regexp(re2::StringPiece(pattern, length), options);
        if (!compiled->regexp.ok()) {
            // Go's form: "error parsing regexp: CODE: `FRAGMENT`" (the whole pattern when RE2 names none).
            std::string fragment = compiled->regexp.error_arg();
            if (fragment.empty()) fragment.assign(pattern, length);
            copy_error(std::string("error parsing regexp: ") + go_error_text(compiled->regexp.error_code()) + ": `" +
                           fragment + "`",
                       error, error_capacity);
            delete compiled;
            return nullptr;
        }
        int groups = compiled->regexp.NumberOfCapturingGroups();
        compiled->names.resize(static_cast<size_t>(groups) + 1);
        for (const auto &entry : compiled->regexp.CapturingGroupNames()) {
            if (entry.first > 0 && entry.first <= groups) compiled->names[static_cast<size_t>(entry.first)] = entry.second;
        }
        return compiled;
    } catch (...) {
        copy_error("out of memory compiling the pattern", error, error_capacity);
        return nullptr;
    }
}

extern "C" void cre2_free(cre2_regexp *regexp) { delete regexp; }

extern "C" int cre2_group_count(const cre2_regexp *regexp) { return regexp->regexp.NumberOfCapturingGroups(); }

extern "C" const char *cre2_group_name(const cre2_regexp *regexp, int index, size_t *length) {
    if (index <= 0 || static_cast<size_t>(index) >= regexp->names.size()) return nullptr;
    const std::string &name = regexp->names[static_cast<size_t>(index)];
    if (name.empty()) return nullptr;
    *length = name.size();
    return name.data();
}

extern "C" int cre2_find(const cre2_regexp *regexp, const char *text, size_t length, size_t start, int64_t *offsets,
                         int offset_count) {
    static const char empty[1] = {0};
    if (text == nullptr) text = empty; // an empty match must still have an address to report its offset
    if (start > length) return 0;
    int submatches = offset_count / 2;
    try {
        // Most patterns have few groups: their submatches fit on the stack, with no allocation per match.
        re2::StringPiece inline_found[16];
        std::vector<re2::StringPiece> heap_found;
        re2::StringPiece *found = inline_found;
        if (submatches > 16) {
            heap_found.resize(static_cast<size_t>(submatches));
            found = heap_found.data();
        }
        re2::StringPiece subject(text, length);
        if (!regexp->regexp.Match(subject, start, length, re2::RE2::UNANCHORED, found, submatches)) return 0;
        for (int i = 0; i < submatches; i++) {
            const re2::StringPiece &piece = found[i];
            if (piece.data() == nullptr) {
                offsets[2 * i] = -1;
                offsets[2 * i + 1] = -1;
            } else {
                offsets[2 * i] = piece.data() - text;
                offsets[2 * i + 1] = piece.data() - text + static_cast<int64_t>(piece.size());
            }
        }
        return 1;
    } catch (...) {
        return -1;
    }
}
