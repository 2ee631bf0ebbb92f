# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of the word passes in ``linter.words``: one walk over the text in C.

Each character's classes come from a ``ClassTable`` (``_class_table.pxi``) of the ``regex``
classes of the pure passes, ``linter.words.CLASSES``, so both twins classify every character alike.
"""

include "_class_table.pxi"

cdef enum:
    WORD_CHARACTER = 1  # the bits of linter.words.CLASSES, in their order
    LETTER = 2
    LOWERCASE = 4

cdef ClassTable _classes = None


def use_classes(patterns):
    """Read characters by the classes ``patterns`` (``linter.words.CLASSES``), learned anew."""
    global _classes
    _classes = ClassTable(patterns)


cdef inline ClassTable _table():
    if _classes is None:
        raise RuntimeError("linter.words calls use_classes first")
    return _classes


def lowercase_runs(str text):
    """Every distinct run of lowercase letters not inside a longer word."""
    cdef Py_ssize_t index = 0, start, length = len(text)
    cdef bint after_letter = False
    cdef int bits
    cdef ClassTable classes = _table()
    found = set()
    while index < length:
        bits = classes.of(text[index])
        if bits & LOWERCASE and not after_letter:
            start = index
            index += 1
            while index < length and classes.of(text[index]) & LOWERCASE:
                index += 1
            found.add(text[start:index])
            after_letter = True  # the run's last character is a letter
            continue
        after_letter = (bits & LETTER) != 0
        index += 1
    return frozenset(found)


cdef inline Py_ssize_t _word_end(ClassTable classes, str text, Py_ssize_t index, Py_ssize_t end) except -1:
    while index < end and classes.of(text[index]) & WORD_CHARACTER:
        index += 1
    return index


def doubled_word_starts(str text):
    """Where each word (run of word characters) of ``text`` starts that the next word repeats (the same string)."""
    cdef Py_ssize_t index = 0, length = len(text), start, stop
    cdef Py_ssize_t last_start = -1, last_stop = -1, offset
    cdef ClassTable classes = _table()
    cdef list found = []
    while index < length:
        if not classes.of(text[index]) & WORD_CHARACTER:
            index += 1
            continue
        start = index
        stop = _word_end(classes, text, index + 1, length)
        if last_start >= 0 and stop - start == last_stop - last_start:
            offset = 0
            while offset < stop - start and text[start + offset] == text[last_start + offset]:
                offset += 1
            if offset == stop - start:
                found.append(last_start)
        last_start, last_stop = start, stop
        index = stop
    return found


def count_words(str text, Py_ssize_t start, Py_ssize_t end):
    """How many words (runs of word characters) ``text[start:end]`` holds."""
    cdef Py_ssize_t index = max(start, 0), count = 0
    cdef ClassTable classes = _table()
    end = min(end, len(text))
    while index < end:
        if classes.of(text[index]) & WORD_CHARACTER:
            count += 1
            index = _word_end(classes, text, index + 1, end)
        else:
            index += 1
    return count
