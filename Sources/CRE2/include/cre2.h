// A C interface to RE2 (Debian's libre2-dev) for Swift: Go's regular-expression syntax and leftmost-first matching
// in time linear in the text.
#ifndef CRE2_H
#define CRE2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled regular expression; immutable and safe to match from many threads at once.
typedef struct cre2_regexp cre2_regexp;

/// Compiles `pattern` (`length` bytes of UTF-8) with RE2's Perl-like syntax, which is Go's, leftmost-first
/// semantics, and at most `max_memory` bytes for the program and its DFA caches. Returns NULL when it does not
/// compile, with the reason in Go's words in `error` (NUL-terminated, truncated to `error_capacity` bytes).
cre2_regexp *cre2_compile(const char *pattern, size_t length, int64_t max_memory, char *error, size_t error_capacity);

/// Frees a compiled expression.
void cre2_free(cre2_regexp *regexp);

/// The number of capturing groups.
int cre2_group_count(const cre2_regexp *regexp);

/// The name of capturing group `index` (1-based) and its length in `length`, or NULL when the group has no name.
/// Valid as long as `regexp`.
const char *cre2_group_name(const cre2_regexp *regexp, int index, size_t *length);

/// Finds the leftmost-first match that starts at or after byte `start` of `text` (`length` bytes; the bytes
/// before `start` are context for `^` and `\b`). Returns 1 and writes the byte offsets of the match and of its
/// first `offset_count / 2 - 1` groups as [start, end) pairs into `offsets` (-1 for a group that did not
/// participate); 0 when there is no match, -1 when the offsets cannot be allocated.
int cre2_find(const cre2_regexp *regexp, const char *text, size_t length, size_t start, int64_t *offsets,
              int offset_count);

#ifdef __cplusplus
}
#endif

#endif
