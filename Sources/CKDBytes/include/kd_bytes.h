// Byte scans on the hot paths of kdpipe, sixteen bytes at a time with SSE2 (every x86-64 processor has it),
// eight at a time elsewhere. Swift's own SIMD types compile to generic code here, several times slower.
#ifndef KD_BYTES_H
#define KD_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The high bit of each byte of `word` that equals `byte` (exact: the borrow of a lower byte cannot reach it).
static inline uint64_t kd_word_equals(uint64_t word, uint8_t byte) {
    const uint64_t ones = 0x0101010101010101ULL, low7 = ones * 0x7F, high = ones * 0x80;
    uint64_t other = word ^ (ones * byte);
    return ~(((other & low7) + low7) | other) & high;
}

/// Whether the `needle_count` bytes at `needle` stand somewhere in the `count` bytes at `haystack` (glibc's
/// `memmem` is a GNU extension that Swift's Glibc module leaves out).
static inline bool kd_contains_bytes(const uint8_t *haystack, size_t count, const uint8_t *needle, size_t needle_count) {
    if (needle_count == 0) return true;
    if (needle_count > count) return false;
    const uint8_t *end = haystack + count - needle_count + 1;
    for (const uint8_t *at = haystack; at < end; at++) {
        at = memchr(at, needle[0], (size_t)(end - at));
        if (at == NULL) return false;
        if (memcmp(at, needle, needle_count) == 0) return true;
    }
    return false;
}

/// Whether any of the eight bytes of `word` is a comma, a double quote, a line feed or a carriage return.
static inline bool kd_word_holds_csv_special(uint64_t word) {
    return (kd_word_equals(word, ',') | kd_word_equals(word, '"') | kd_word_equals(word, '\n') | kd_word_equals(word, '\r')) != 0;
}

/// Whether any of the `count` bytes at `bytes` is a comma, a double quote, a line feed or a carriage return
/// (a CSV field holding one must be quoted). The last block or word is read overlapping the one before it
/// (a byte read twice is harmless here), so that no field ends in a loop over single bytes but the shortest.
static inline bool kd_holds_csv_special(const uint8_t *bytes, size_t count) {
#if defined(__SSE2__)
    if (count >= 16) {
        const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
        const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
        for (size_t index = 0;; index += 16) {
            if (index + 16 > count) index = count - 16;
            __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, comma), _mm_cmpeq_epi8(block, quote)),
                                       _mm_or_si128(_mm_cmpeq_epi8(block, lf), _mm_cmpeq_epi8(block, cr)));
            if (_mm_movemask_epi8(hit) != 0) return true;
            if (index + 16 == count) return false;
        }
    }
#endif
    if (count >= 8) {
        for (size_t index = 0;; index += 8) {
            if (index + 8 > count) index = count - 8;
            uint64_t word;
            memcpy(&word, bytes + index, 8);
            if (kd_word_holds_csv_special(word)) return true;
            if (index + 8 == count) return false;
        }
    }
    if (count >= 4) {
        uint32_t first, last;
        memcpy(&first, bytes, 4);
        memcpy(&last, bytes + count - 4, 4);
        return kd_word_holds_csv_special((uint64_t)first | ((uint64_t)last << 32));
    }
    for (size_t index = 0; index < count; index++) {
        uint8_t byte = bytes[index];
        if (byte == ',' || byte == '"' || byte == '\n' || byte == '\r') return true;
    }
    return false;
}

/// Whether any of the `count` bytes at `bytes` is white space other than a space (0x09 to 0x0D: tab, line
/// feed, vertical tab, form feed, carriage return), or a space followed by another. Each block is compared
/// with the block one byte further on; the last is read overlapping the one before it.
static inline bool kd_holds_foldable_space(const uint8_t *bytes, size_t count) {
    if (count == 0) return false;
    // The last byte is only ever read as the byte after another: its own test comes first.
    if ((uint8_t)(bytes[count - 1] - 0x09) <= 0x0D - 0x09) return true;
#if defined(__SSE2__)
    if (count >= 17) {
        // Signed comparisons: bytes from 0x80 up are negative, never between 0x08 and 0x0E.
        const __m128i above = _mm_set1_epi8(0x08), below = _mm_set1_epi8(0x0E), space = _mm_set1_epi8(' ');
        for (size_t index = 0;; index += 16) {
            if (index + 17 > count) index = count - 17;
            __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
            __m128i next = _mm_loadu_si128((const __m128i *)(bytes + index + 1));
            __m128i control = _mm_and_si128(_mm_cmpgt_epi8(block, above), _mm_cmplt_epi8(block, below));
            __m128i pair = _mm_and_si128(_mm_cmpeq_epi8(block, space), _mm_cmpeq_epi8(next, space));
            if (_mm_movemask_epi8(_mm_or_si128(control, pair)) != 0) return true;
            if (index + 17 == count) return false;
        }
    }
#endif
    if (count >= 9) {
        const uint64_t ones = 0x0101010101010101ULL, low7 = ones * 0x7F, high = ones * 0x80;
        for (size_t index = 0;; index += 8) {
            if (index + 9 > count) index = count - 9;
            uint64_t word, next;
            memcpy(&word, bytes + index, 8);
            memcpy(&next, bytes + index + 1, 8);
            // Bytes strictly between 0x08 and 0x0E (on ASCII bytes; a byte from 0x80 up never counts).
            uint64_t control = ((ones * (127 + 0x0E)) - (word & low7)) & ~word & ((word & low7) + (ones * (127 - 0x08))) & high;
            if ((control | (kd_word_equals(word, ' ') & kd_word_equals(next, ' '))) != 0) return true;
            if (index + 9 == count) return false;
        }
    }
    bool space = false;
    for (size_t index = 0; index + 1 < count; index++) {
        uint8_t byte = bytes[index];
        if ((uint8_t)(byte - 0x09) <= 0x0D - 0x09 || (space && byte == ' ')) return true;
        space = byte == ' ';
    }
    return space && bytes[count - 1] == ' ';
}

#endif
