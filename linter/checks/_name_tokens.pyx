# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twins of :func:`linter.checks.name_tokens.pure_token_pass` (the same tokens, one loop in C),
:func:`linter.checks.name_tokens.pure_counts` (how often each is written) and
:func:`linter.checks.name_tokens.pure_positions` (where some of them are written).

A token starts at an upper- or lowercase letter not preceded by a BEFORE character; a
capitalised token is one uppercase letter, lowercase letters and perhaps a period, a
lowercase token lowercase letters only; neither may be followed by an AFTER character,
nor by a hyphen or period and a letter (the period then stays outside a capitalised
token if that frees it). Character classes come from a ``ClassTable`` (``_class_table.pxi``) of
``linter.checks.name_tokens.CLASSES``, ``regex``'s own.
"""

include "../_class_table.pxi"

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.object cimport PyObject
from libc.stdlib cimport realloc
from libc.string cimport memcmp

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    Py_UCS4 PyUnicode_READ_CHAR(object text, Py_ssize_t index)
    bint Py_UNICODE_ISUPPER(Py_UCS4 char)

cdef enum:
    LETTER = 1  # the bits of linter.checks.name_tokens.CLASSES, in their order
    UPPER = 2
    LOWER = 4
    BEFORE = 8
    AFTER = 16


cdef inline bint _free_after(int kind, void *data, Py_ssize_t at, Py_ssize_t size, ClassTable classes) except -1:
    """Whether nothing at ``at`` glues the token ending there to what follows."""
    if at >= size:
        return True
    cdef Py_UCS4 char = PyUnicode_READ(kind, data, at)
    if classes.of(char) & AFTER:
        return False
    if (char == u'-' or char == u'.') and at + 1 < size and classes.of(PyUnicode_READ(kind, data, at + 1)) & LETTER:
        return False
    return True


cdef struct _Slot:
    PyObject *word  # NULL: an empty slot; else a string that ``_Spellings.words`` keeps alive
    Py_ssize_t start  # where the text first writes it
    Py_ssize_t length
    size_t hash
    Py_ssize_t order  # its index in ``_Spellings.words``


cdef class _Spellings:
    """Each distinct token of one text as one ``str``, and how often it is written: a spelling met
    again is found by its characters (an open-addressing table of where each was first written),
    shared rather than built again, and counted in C rather than in a dictionary."""

    cdef _Slot *slots
    cdef size_t mask
    cdef Py_ssize_t used
    cdef Py_ssize_t *tallies  # by order
    cdef list words  # in the order first written
    cdef str text
    cdef int kind
    cdef char *data

    def __cinit__(self, str text):
        self.mask = 1023
        self.slots = <_Slot *>calloc(self.mask + 1, sizeof(_Slot))
        if self.slots is NULL:
            raise MemoryError()
        self.used = 0
        self.tallies = <Py_ssize_t *>calloc(self.mask + 1, sizeof(Py_ssize_t))
        if self.tallies is NULL:
            raise MemoryError()
        self.words = []
        self.text = text
        self.kind = PyUnicode_KIND(text)
        self.data = <char *>PyUnicode_DATA(text)

    def __dealloc__(self):
        free(self.slots)
        free(self.tallies)

    cdef object get(self, Py_ssize_t start, Py_ssize_t end):
        """``text[start:end]``, the string already made for the same characters if there is one."""
        cdef size_t hash = 2166136261, index
        cdef Py_ssize_t at, length = end - start
        cdef _Slot *slot
        for at in range(start, end):
            hash = (hash ^ <size_t>PyUnicode_READ(self.kind, self.data, at)) * 16777619
        index = hash & self.mask
        while True:
            slot = &self.slots[index]
            if slot.word is NULL:
                break
            if slot.hash == hash and slot.length == length and memcmp(self.data + slot.start * self.kind, self.data + start * self.kind, length * self.kind) == 0:
                self.tallies[slot.order] += 1
                return <object>slot.word
            index = (index + 1) & self.mask
        word = self.text[start:end]
        self.words.append(word)
        slot.word = <PyObject *>word
        slot.start = start
        slot.length = length
        slot.hash = hash
        slot.order = self.used
        self.tallies[self.used] = 1
        self.used += 1
        if <size_t>self.used * 2 > self.mask:
            self._grow()
        return word

    cdef int _grow(self) except -1:
        """Twice the slots, each spelling moved to its place in them."""
        cdef size_t mask = self.mask * 2 + 1, index, old
        cdef _Slot *slots = <_Slot *>calloc(mask + 1, sizeof(_Slot))
        cdef Py_ssize_t *tallies = <Py_ssize_t *>realloc(self.tallies, (mask + 1) * sizeof(Py_ssize_t))
        if tallies is not NULL:
            self.tallies = tallies
        if slots is NULL or tallies is NULL:
            free(slots)
            raise MemoryError()
        for old in range(self.mask + 1):
            if self.slots[old].word is not NULL:
                index = self.slots[old].hash & mask
                while slots[index].word is not NULL:
                    index = (index + 1) & mask
                slots[index] = self.slots[old]
        free(self.slots)
        self.slots = slots
        self.mask = mask
        return 0

    cdef int fill(self, object counts, object capitalised) except -1:
        """Put each spelling's count in ``counts``, and in ``capitalised`` too if Python's ``str.isupper``
        calls its first letter uppercase, both in the order first written (that of ``Counter(written)``)."""
        cdef Py_ssize_t order
        for order in range(self.used):
            word = self.words[order]
            PyDict_SetItem(counts, word, self.tallies[order])
            if Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(word, 0)):
                PyDict_SetItem(capitalised, word, self.tallies[order])
        return 0


def token_pass(str text, ClassTable classes not None, object counts=None, object capitalised=None):
    """Each token of ``text`` as written (one ``str`` object for each distinct spelling), and where each
    starts; given two ``Counter`` objects, fills them as ``name_tokens.pure_counts`` counts."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = len(text)
    cdef Py_ssize_t at = 0, run, end
    cdef int here, before = 0
    cdef list written = []
    cdef list starts = []
    cdef _Spellings spellings = _Spellings(text)
    while at < size:
        here = classes.of(PyUnicode_READ(kind, data, at))
        if here & (UPPER | LOWER) and not before & BEFORE:
            run = at + 1
            while run < size and classes.of(PyUnicode_READ(kind, data, run)) & LOWER:
                run += 1
            end = -1
            if here & LOWER:
                if _free_after(kind, data, run, size, classes):
                    end = run
            elif run > at + 1:
                if run < size and PyUnicode_READ(kind, data, run) == u'.' and _free_after(kind, data, run + 1, size, classes):
                    end = run + 1
                elif _free_after(kind, data, run, size, classes):
                    end = run
            if end >= 0:
                written.append(spellings.get(at, end))
                starts.append(at)
                at = end
                before = BEFORE  # a letter or a period, which no token may follow
                continue
        before = here
        at += 1
    if counts is not None:
        spellings.fill(counts, capitalised)
    return written, starts


def positions(list written, set words, Py_ssize_t expected):
    """The indices of the tokens of ``written`` that are one of ``words``, in order: the first ``expected`` found."""
    cdef list found = []
    cdef Py_ssize_t index, size = len(written)
    if expected <= 0:
        return found
    for index in range(size):
        if written[index] in words:
            found.append(index)
            if len(found) == expected:
                break
    return found

