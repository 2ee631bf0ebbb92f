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


def token_pass(str text, ClassTable classes not None):
    """Each token of ``text`` as written, and where each starts."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = len(text)
    cdef Py_ssize_t at = 0, run, end
    cdef int here, before = 0
    cdef list written = []
    cdef list starts = []
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
                written.append(text[at:end])
                starts.append(at)
                at = end
                before = BEFORE  # a letter or a period, which no token may follow
                continue
        before = here
        at += 1
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


def counts(list written, object counts, object capitalised):
    """Fill ``counts`` (a ``Counter``) with how often each token is written, then ``capitalised`` with the
    counts of those whose first letter Python's ``str.isupper`` calls uppercase, each in first-written order."""
    cdef Py_ssize_t index, size = len(written)
    cdef PyObject *found
    cdef object word, count
    for index in range(size):
        word = written[index]
        found = PyDict_GetItem(counts, word)
        PyDict_SetItem(counts, word, 1 if found is NULL else <object>found + 1)
    for word, count in (<dict>counts).items():
        if Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(word, 0)):
            PyDict_SetItem(capitalised, word, count)
