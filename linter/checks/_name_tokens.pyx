# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of :func:`linter.checks.name_tokens.pure_token_pass`: the same tokens, one loop in C.

A token starts at an upper- or lowercase letter not preceded by a BEFORE character; a
capitalised token is one uppercase letter, lowercase letters and perhaps a period, a
lowercase token lowercase letters only; neither may be followed by an AFTER character,
nor by a hyphen or period and a letter (the period then stays outside a capitalised
token if that frees it). Character classes come from ``char_flags`` (``regex``'s own),
cached: ASCII and the Basic Multilingual Plane in tables, the rest in a dict.
"""

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)

cdef enum:
    LETTER = 1
    UPPER = 2
    LOWER = 4
    BEFORE = 8
    AFTER = 16
    KNOWN = 128  # a table entry already filled (its flags may be 0)

cdef unsigned char _bmp[65536]
cdef dict _astral = {}


cdef inline unsigned char _flags(Py_UCS4 char, object char_flags):
    """The classes of ``char``, from the table once it has been filled for it."""
    if char < 65536 and _bmp[char]:
        return _bmp[char] & ~KNOWN
    return _look_up(char, char_flags)


cdef unsigned char _look_up(Py_UCS4 char, object char_flags):
    """Ask ``char_flags`` once per character and remember the answer."""
    cdef unsigned char found
    if char < 65536:
        found = <unsigned char>char_flags(chr(char))
        _bmp[char] = found | KNOWN
        return found
    cached = _astral.get(char)
    if cached is None:
        cached = _astral[char] = char_flags(chr(char))
    return <unsigned char>cached


cdef inline bint _free_after(int kind, void *data, Py_ssize_t at, Py_ssize_t size, object char_flags):
    """Whether nothing at ``at`` glues the token ending there to what follows."""
    if at >= size:
        return True
    cdef Py_UCS4 char = PyUnicode_READ(kind, data, at)
    if _flags(char, char_flags) & AFTER:
        return False
    if (char == u'-' or char == u'.') and at + 1 < size and _flags(PyUnicode_READ(kind, data, at + 1), char_flags) & LETTER:
        return False
    return True


def token_pass(str text, object char_flags):
    """Each token of ``text`` as written, and where each starts."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = len(text)
    cdef Py_ssize_t at = 0, run, end
    cdef unsigned char here, before = 0
    cdef list written = []
    cdef list starts = []
    while at < size:
        here = _flags(PyUnicode_READ(kind, data, at), char_flags)
        if here & (UPPER | LOWER) and not before & BEFORE:
            run = at + 1
            while run < size and _flags(PyUnicode_READ(kind, data, run), char_flags) & LOWER:
                run += 1
            end = -1
            if here & LOWER:
                if _free_after(kind, data, run, size, char_flags):
                    end = run
            elif run > at + 1:
                if run < size and PyUnicode_READ(kind, data, run) == u'.' and _free_after(kind, data, run + 1, size, char_flags):
                    end = run + 1
                elif _free_after(kind, data, run, size, char_flags):
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
