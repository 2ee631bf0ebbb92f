# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of the template keys (``linter.templates.fingerprint.pure_line_triples``,
``linter.templates.sketch.pure_add_keys`` and ``pure_estimate``): a document's lines found,
stripped, folded and keyed in one walk over its text, and the sketch's counters of a batch of keys
added to, or of one key read, in C.

A line is folded as ``fold`` folds it (``fold_ascii``, an ASCII line): a line beyond ASCII is first
NFKC-normalised and casefolded by Python, then digits, letters and numbers are told apart by a
``ClassTable`` (``_class_table.pxi``) of the ``regex`` classes the pure patterns are built of
(``linter.templates.fingerprint.CLASSES``), so both twins fold every character alike. Each key
continues the source's BLAKE2b state (``seed``) with the fingerprint's UTF-8 bytes, as the pure
twin does.
"""

include "../_class_table.pxi"

from cpython cimport array
from cpython.unicode cimport (
    Py_UNICODE_ISSPACE, PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ,
)
from libc.stdint cimport uint8_t, uint16_t
from libc.string cimport memchr

import array as arrays
from unicodedata import normalize

cdef enum:
    DIGIT = 1  # the bits of linter.templates.fingerprint.CLASSES, in their order
    LETTER = 2
    NUMBER = 4


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


cdef inline Py_ssize_t _utf8(Py_UCS4 character, unsigned char *out) noexcept:
    """``character`` in UTF-8 (a lone surrogate as ``surrogatepass`` writes it) at ``out``: how many bytes."""
    cdef unsigned int code = character
    if code < 0x80:
        out[0] = code
        return 1
    if code < 0x800:
        out[0], out[1] = 0xC0 | (code >> 6), 0x80 | (code & 0x3F)
        return 2
    if code < 0x10000:
        out[0], out[1], out[2] = 0xE0 | (code >> 12), 0x80 | ((code >> 6) & 0x3F), 0x80 | (code & 0x3F)
        return 3
    out[0], out[1] = 0xF0 | (code >> 18), 0x80 | ((code >> 12) & 0x3F)
    out[2], out[3] = 0x80 | ((code >> 6) & 0x3F), 0x80 | (code & 0x3F)
    return 4


cdef Py_ssize_t _fold(unsigned int kind, void *data, Py_ssize_t first, Py_ssize_t last, ClassTable classes, bint lower,
                      unsigned char *out, bint *letter) except -1:
    """The fingerprint of the text's ``[first:last]``, in UTF-8 at ``out`` (4 bytes a character at
    most): a run of digits is one 0, a run of what is neither letter nor number one space, none at
    either end; ASCII letters lowered with ``lower``. Its length; ``letter``: whether it holds one.
    """
    cdef Py_ssize_t index, size = 0
    cdef Py_UCS4 character
    cdef int bits
    cdef bint gap = False
    for index in range(first, last):
        character = PyUnicode_READ(kind, data, index)
        bits = classes.of(character)
        if bits & DIGIT:
            if not gap and size and out[size - 1] == ord("0"):
                continue  # the same run of digits (no other character's UTF-8 holds the byte 0x30)
            character = 0x30
        elif not bits & (LETTER | NUMBER):
            gap = True
            continue
        elif bits & LETTER:
            letter[0] = True
            if lower and character < 0x80:
                character = <unsigned int>character | 0x20
        if gap and size:
            out[size] = ord(" ")
            size += 1
        gap = False
        size += _utf8(character, out + size)
    return size


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


def line_triples(str text, seed, ClassTable classes not None, Py_ssize_t max_chars):
    """``start, end, key`` of each candidate line of ``text``, one after another, in an ``array('Q')``.

    ``seed``: the hash state of the source and the separator; ``classes``: the table of the
    fold's classes; ``max_chars``: the longest line that can be a candidate, once stripped.
    """
    cdef Py_ssize_t length = len(text), index = 0, start, end, first, last, size
    cdef unsigned int kind = PyUnicode_KIND(text), widest
    cdef void *data = PyUnicode_DATA(text)
    cdef bytearray scratch = bytearray(4 * max_chars)
    cdef unsigned char *out = scratch
    cdef bint letter
    cdef str folded
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
        letter = False
        if widest < 0x80:  # NFKC and casefold leave ASCII as it is, but for the case of letters
            size = _fold(kind, data, first, last, classes, True, out, &letter)
        else:
            for size in range(first, last):  # ``fold``: a line without a letter before folding is none
                if classes.of(PyUnicode_READ(kind, data, size)) & LETTER:
                    break
            else:
                continue
            folded = normalize("NFKC", text[first:last]).casefold()
            if len(scratch) < 4 * len(folded):  # NFKC and casefold can lengthen a line
                scratch = bytearray(4 * len(folded))
                out = scratch
            size = _fold(PyUnicode_KIND(folded), PyUnicode_DATA(folded), 0, len(folded), classes, False, out, &letter)
            letter = True
        if size and letter:
            _append(triples, start, end, _continued(seed, out[:size]))
    return triples


cdef int _check(array.array table, Py_ssize_t depth, Py_ssize_t width) except -1:
    if table.ob_descr.typecode != c"I" or depth < 1 or width < 1 or depth >= (1 << 31) or len(table) < depth * width:
        raise ValueError("the table is not depth x width 32-bit counters")
    return 0


cdef inline Py_ssize_t _cell(unsigned long long key, Py_ssize_t row, Py_ssize_t width) noexcept:
    """The counter of ``key`` in ``row`` (``sketch.cells``: row i at ``h1 + i*h2`` of the key's halves)."""
    cdef unsigned long long low = key & 0xFFFFFFFFu, high = (key >> 32) | 1
    return row * width + <Py_ssize_t>((low + row * high) % <unsigned long long>width)


def add_keys(array.array table not None, Py_ssize_t depth, Py_ssize_t width, array.array keys not None):
    """One more in each of each key's ``depth`` counters that is not saturated (``keys``: an ``array('Q')``)."""
    cdef Py_ssize_t index, row
    cdef unsigned int *counter
    _check(table, depth, width)
    if keys.ob_descr.typecode != c"Q":
        raise TypeError("the keys are an array('Q')")
    for index in range(len(keys)):
        for row in range(depth):
            counter = &table.data.as_uints[_cell(keys.data.as_ulonglongs[index], row, width)]
            if counter[0] != 0xFFFFFFFFu:
                counter[0] += 1


def estimate(array.array table not None, Py_ssize_t depth, Py_ssize_t width, unsigned long long key, long long floor):
    """The least of ``key``'s counters, or the first one below ``floor`` (``CountMinSketch.estimate``)."""
    cdef Py_ssize_t row
    cdef unsigned int value, least = 0xFFFFFFFFu
    _check(table, depth, width)
    for row in range(depth):
        value = table.data.as_uints[_cell(key, row, width)]
        if value < least:
            least = value
            if value < floor:
                break
    return least
