# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of the word passes in ``linter.words``: one walk over the text in C.

Each character's classes come from a table that ``linter.words.block_classes`` fills with the
``regex`` classes of the pure passes, one block of 256 code points the first time the text meets
it, so both twins classify every character alike.
"""

from libc.string cimport memcpy

cdef enum:
    BLOCK = 256  # linter.words.BLOCK
    BLOCKS = 0x1100  # 0x110000 code points / BLOCK
    WORD_CHARACTER = 1  # the bits of linter.words.CLASS_BITS
    LETTER = 2
    LOWERCASE = 4

cdef unsigned char _classes[0x110000]
cdef unsigned char _ready[BLOCKS]
cdef object _fill = None


def use_classes(fill):
    """Set the function that gives the class bits of a block (``block_classes``) and forget the table."""
    global _fill
    _fill = fill
    cdef Py_ssize_t block
    for block in range(BLOCKS):
        _ready[block] = 0


cdef inline unsigned char _class(Py_UCS4 character) except 255:
    cdef Py_ssize_t code = character
    cdef Py_ssize_t block = code // BLOCK
    cdef bytes bits
    if not _ready[block]:
        bits = _fill(block)
        if len(bits) != BLOCK:
            raise ValueError("a class block must hold one byte per code point")
        memcpy(&_classes[block * BLOCK], <const char*>bits, BLOCK)
        _ready[block] = 1
    return _classes[code]


def lowercase_runs(str text):
    """Every distinct run of lowercase letters not inside a longer word."""
    cdef Py_ssize_t index = 0, start, length = len(text)
    cdef bint after_letter = False
    cdef unsigned char bits
    found = set()
    while index < length:
        bits = _class(text[index])
        if bits & LOWERCASE and not after_letter:
            start = index
            index += 1
            while index < length and _class(text[index]) & LOWERCASE:
                index += 1
            found.add(text[start:index])
            after_letter = True  # the run's last character is a letter
            continue
        after_letter = (bits & LETTER) != 0
        index += 1
    return frozenset(found)


cdef inline Py_ssize_t _word_end(str text, Py_ssize_t index, Py_ssize_t end) except -1:
    while index < end and _class(text[index]) & WORD_CHARACTER:
        index += 1
    return index


def has_doubled_word(str text):
    """Whether two words (runs of word characters) in a row of ``text`` are the same string."""
    cdef Py_ssize_t index = 0, length = len(text), start, stop
    cdef Py_ssize_t last_start = -1, last_stop = -1, offset
    while index < length:
        if not _class(text[index]) & WORD_CHARACTER:
            index += 1
            continue
        start = index
        stop = _word_end(text, index + 1, length)
        if last_start >= 0 and stop - start == last_stop - last_start:
            offset = 0
            while offset < stop - start and text[start + offset] == text[last_start + offset]:
                offset += 1
            if offset == stop - start:
                return True
        last_start, last_stop = start, stop
        index = stop
    return False


def count_words(str text, Py_ssize_t start, Py_ssize_t end):
    """How many words (runs of word characters) ``text[start:end]`` holds."""
    cdef Py_ssize_t index = max(start, 0), count = 0
    end = min(end, len(text))
    while index < end:
        if _class(text[index]) & WORD_CHARACTER:
            count += 1
            index = _word_end(text, index + 1, end)
        else:
            index += 1
    return count
