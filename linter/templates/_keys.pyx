# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of the template keys (``linter.templates.fingerprint.pure_line_triples`` and
``linter.templates.sketch.pure_add_keys``): a document's lines found, stripped, folded and keyed in
one walk over its text, and a batch of keys counted in the sketch's counters, in C.

An ASCII line (nearly every line of English news) is folded here as ``fold_ascii`` folds it; a line
with any other character by the pure ``fold`` it is given, so both twins fold it alike. Each key
continues the source's BLAKE2b state (``seed``) with the fingerprint's bytes, as the pure twin does.
"""

from cpython cimport array
from cpython.unicode cimport (
    Py_UNICODE_ISSPACE, PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ,
)
from libc.stdint cimport uint8_t, uint16_t
from libc.string cimport memchr

import array as arrays


cdef Py_ssize_t _line_end(unsigned int kind, void *data, Py_ssize_t index, Py_ssize_t length) noexcept:
    """Where the line from ``index`` ends: at the next \\n or \\r, else at the text's end ``length``."""
    cdef const uint8_t *narrow
    cdef const uint16_t *wide
    cdef const void *found
    cdef Py_ssize_t end
    cdef Py_UCS4 character
    if kind == PyUnicode_1BYTE_KIND:  # most texts: memchr, a few bytes at a time
        narrow = <const uint8_t *>data
        found = memchr(narrow + index, 10, length - index)
        end = length if found == NULL else <const uint8_t *>found - narrow
        found = memchr(narrow + index, 13, end - index)
        return end if found == NULL else <const uint8_t *>found - narrow
    if kind == PyUnicode_2BYTE_KIND:
        wide = <const uint16_t *>data
        while index < length and wide[index] != 10 and wide[index] != 13:
            index += 1
        return index
    while index < length:
        character = PyUnicode_READ(kind, data, index)
        if character == 10 or character == 13:
            break
        index += 1
    return index


cdef Py_ssize_t _fold_ascii(unsigned int kind, void *data, Py_ssize_t first, Py_ssize_t last, unsigned char *out) noexcept:
    """``fold_ascii`` of the text's ``[first:last]`` (ASCII) written to ``out``: its length, 0 without a letter.

    A letter is lowered, a run of digits is one 0, and any other run is one space, none at either end.
    """
    cdef Py_ssize_t index, size = 0
    cdef unsigned int code
    cdef bint gap = False, letter = False
    for index in range(first, last):
        code = PyUnicode_READ(kind, data, index)
        if ord("a") <= (code | 0x20) <= ord("z"):
            letter = True
            code |= 0x20
        elif ord("0") <= code <= ord("9"):
            if not gap and size and out[size - 1] == ord("0"):
                continue  # the same run of digits
            code = ord("0")
        else:
            gap = True
            continue
        if gap and size:
            out[size] = ord(" ")
            size += 1
        gap = False
        out[size] = <unsigned char>code
        size += 1
    return size if letter else 0


cdef inline unsigned long long _continued(seed, bytes fingerprint) except? 0:
    """The key: ``seed`` (the source's hash state) continued with ``fingerprint``, its 8 bytes little-endian."""
    digest = seed.copy()
    digest.update(fingerprint)
    cdef bytes raw = digest.digest()
    cdef const unsigned char *byte = raw
    cdef unsigned long long key = 0
    cdef int index
    for index in range(8):
        key |= (<unsigned long long>byte[index]) << (8 * index)
    return key


cdef inline int _append(array.array triples, Py_ssize_t start, Py_ssize_t end, unsigned long long key) except -1:
    cdef Py_ssize_t size = len(triples)
    array.resize_smart(triples, size + 3)
    triples.data.as_ulonglongs[size] = start
    triples.data.as_ulonglongs[size + 1] = end
    triples.data.as_ulonglongs[size + 2] = key
    return 0


def line_triples(str text, seed, fold, Py_ssize_t max_chars):
    """``start, end, key`` of each candidate line of ``text``, one after another, in an ``array('Q')``.

    ``seed``: the hash state of the source and the separator; ``fold``: the fingerprint of a line
    beyond ASCII (or None); ``max_chars``: the longest line that can be a candidate, once stripped.
    """
    cdef Py_ssize_t length = len(text), index = 0, start, end, first, last, size
    cdef unsigned int kind = PyUnicode_KIND(text), widest
    cdef void *data = PyUnicode_DATA(text)
    cdef bytearray scratch = bytearray(max_chars)
    cdef unsigned char *out = scratch
    cdef array.array triples = arrays.array("Q")
    while index < length:
        start = index
        end = index = _line_end(kind, data, index, length)
        index += 1  # past the line break
        first, last = start, end
        while first < last and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first)):
            first += 1
        while last > first and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last - 1)):
            last -= 1
        if first == last or last - first > max_chars:
            continue
        widest = 0
        for size in range(first, last):
            widest |= <unsigned int>PyUnicode_READ(kind, data, size)
        if widest < 0x80:
            size = _fold_ascii(kind, data, first, last, out)
            if not size:
                continue
            fingerprint = out[:size]
        else:
            folded = fold(text[first:last])
            if not folded:
                continue
            fingerprint = folded.encode("utf-8", "surrogatepass")
        _append(triples, start, end, _continued(seed, fingerprint))
    return triples


def add_keys(unsigned int[::1] table, Py_ssize_t depth, Py_ssize_t width, const unsigned long long[::1] keys):
    """One more in each of each key's ``depth`` counters that is not saturated (``sketch.cells``: row i
    at ``h1 + i*h2`` of the key's halves)."""
    cdef Py_ssize_t index, row
    cdef unsigned long long key, low, high
    cdef unsigned int *counter
    if depth < 0 or width <= 0 or table.shape[0] < depth * width or depth >= (1 << 31):
        raise ValueError("the table is not depth x width counters")
    for index in range(keys.shape[0]):
        key = keys[index]
        low = key & 0xFFFFFFFFu
        high = (key >> 32) | 1
        for row in range(depth):
            counter = &table[row * width + <Py_ssize_t>((low + row * high) % <unsigned long long>width)]
            if counter[0] != 0xFFFFFFFFu:
                counter[0] += 1
