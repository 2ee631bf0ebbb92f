# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``linter.sentences.pure_split_sentences``: one walk over the paragraph in C.

White space and word characters come from a ``ClassTable`` (``_class_table.pxi``) of the
``regex`` classes of the pure patterns, ``linter.sentences.CLASSES``; the word before a period
goes to the shared ``period_ends_sentence`` when it could be an abbreviation, so both twins decide them alike.
"""

include "_class_table.pxi"

from cpython.object cimport PyObject_GenericSetAttr

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil

cdef enum:
    SPACE = 1  # the bits of linter.sentences.CLASSES, in their order
    WORD_CHARACTER = 2
    WORD_WINDOW = 40  # linter.sentences.WORD_WINDOW

cdef ClassTable _classes = None
cdef frozenset _abbreviations = frozenset()
cdef Py_ssize_t _longest = 0
cdef object _period_ends = None


def use_classes(patterns):
    """Read characters by the classes ``patterns`` (``linter.sentences.CLASSES``), learned anew."""
    global _classes
    _classes = ClassTable(patterns)


def use_abbreviations(abbreviations, period_ends):
    """Ask ``period_ends(word, next_word)`` about a word before a period only when the word could be
    one of ``abbreviations`` (lowercase, without their last period) or an initialism, or a lowercase
    word follows."""
    global _abbreviations, _longest, _period_ends
    _abbreviations = frozenset(abbreviations)
    _longest = max(map(len, _abbreviations), default=0)
    _period_ends = period_ends


cdef inline ClassTable _table():
    if _classes is None:
        raise RuntimeError("linter.sentences calls use_classes first")
    return _classes


cdef inline bint _is_mark(Py_UCS4 c):
    return c == u'.' or c == u'!' or c == u'?' or c == u'…'


cdef inline bint _is_closer(Py_UCS4 c):
    return c == u'"' or c == u"'" or c == u'”' or c == u'’' or c == u')' or c == u']'


cdef inline bint _is_opener(Py_UCS4 c):
    return c == u'"' or c == u"'" or c == u'“' or c == u'‘' or c == u'(' or c == u'['


cdef _append_trimmed(list sentences, str text, Py_ssize_t start, Py_ssize_t end, type span, bint keep_empty):
    """``trim``: the span without the white space (``str.isspace``) at its ends."""
    cdef Py_UCS4 c
    while start < end:
        c = text[start]
        if not c.isspace():
            break
        start += 1
    while end > start:
        c = text[end - 1]
        if not c.isspace():
            break
        end -= 1
    if keep_empty or end > start:
        sentences.append(_made(span, start, end))


cdef object _new = object.__new__


cdef inline object _made(type span, Py_ssize_t start, Py_ssize_t end):
    """``span(start, end)`` without its ``__init__``: a frozen dataclass's (``Span``) sets each field
    through ``object.__setattr__`` and checks ``0 <= start <= end``, which the walk guarantees;
    that cost more than finding the sentence."""
    made = _new(span)
    PyObject_GenericSetAttr(made, "start", start)
    PyObject_GenericSetAttr(made, "end", end)
    return made


cdef int _ends_sentence(ClassTable classes, str text, Py_ssize_t match_start, Py_ssize_t marks_end,
                        Py_ssize_t match_end, Py_ssize_t limit) except -1:
    """Whether the candidate ``text[match_start:match_end]`` (its marks end at ``marks_end``) ends a sentence."""
    cdef Py_ssize_t index = match_end, word_start, word_end, before
    cdef Py_UCS4 last = text[marks_end - 1]
    # The next word: white space, opening marks, then non-space (the last opening mark if nothing follows it).
    while index < limit and classes.of(text[index]) & SPACE:
        index += 1
    if index == limit:
        return True
    word_start = index
    while word_start < limit and _is_opener(text[word_start]):
        word_start += 1
    if word_start == limit or classes.of(text[word_start]) & SPACE:
        word_start -= 1
    word_end = word_start + 1
    while word_end < limit and not classes.of(text[word_end]) & SPACE:
        word_end += 1
    if last == u'…' or (marks_end - match_start >= 3 and text[marks_end - 2] == u'.' and text[marks_end - 3] == u'.' and last == u'.'):
        return text[word_start].isupper()
    if last != u'.':
        return True
    before = match_end
    while before > max(0, match_start - WORD_WINDOW) and not classes.of(text[before - 1]) & SPACE:
        before -= 1
    # Before a lowercase word, ``period_ends_sentence`` also knows abbreviations the set does not hold ("cu.ft.").
    if not text[word_start].islower() and not _may_be_abbreviation(text, before, match_end):
        return True
    return bool(_period_ends(text[before:match_end], text[word_start:word_end]))


cdef bint _may_be_abbreviation(str text, Py_ssize_t start, Py_ssize_t end) except -1:
    """Whether ``period_ends_sentence`` can say no to the word ``text[start:end]``: its stem (without
    quotes, brackets and last periods, in lowercase) is an abbreviation, or its last hyphenated part
    has a period second, as an initialism has. A stem longer than the longest abbreviation is none
    (lowercase is never shorter)."""
    cdef Py_ssize_t stem_end, bare
    while end > start and _is_closer(text[end - 1]):
        end -= 1
    while start < end and _is_opener(text[start]):
        start += 1
    bare = end
    while bare > start and text[bare - 1] != u'-':
        bare -= 1
    if bare + 1 < end and text[bare + 1] == u'.':
        return True
    stem_end = end
    while stem_end > start and text[stem_end - 1] == u'.':
        stem_end -= 1
    return stem_end - start <= _longest and text[start:stem_end].lower() in _abbreviations


def split_sentences(str text, Py_ssize_t start, Py_ssize_t end, type span not None):
    """The sentences of the paragraph ``text[start:end]``, each a ``span`` (a slotted class of
    ``start`` and ``end``, ``linter.model.Span``) with those two fields set."""
    cdef ClassTable classes = _table()
    cdef list sentences = []
    cdef Py_ssize_t index = start, match_start, marks_stop, match_end
    cdef Py_ssize_t marks_end = -1, word_at = -1, since
    cdef bint has_word = False
    # The scan for marks reads the characters directly: it is the one loop over every character.
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    while index < end:
        # A candidate: the first mark of a run, its closing marks, then white space.
        if not _is_mark(PyUnicode_READ(kind, data, index)) or (index > 0 and _is_mark(text[index - 1])):
            index += 1
            continue
        match_start = index
        marks_stop = index + 1
        while marks_stop < end and _is_mark(text[marks_stop]):
            marks_stop += 1
        match_end = marks_stop
        while match_end < end and _is_closer(text[match_end]):
            match_end += 1
        if match_end == end or not classes.of(text[match_end]) & SPACE:
            index = marks_stop
            continue
        index = match_end
        if not has_word:
            since = marks_end if marks_end >= 0 else start
            if word_at < since:
                word_at = since
                while word_at < end and not classes.of(text[word_at]) & WORD_CHARACTER:
                    word_at += 1
            has_word = word_at < match_start
            if not has_word:
                marks_end = match_end
                continue
            if marks_end >= 0:
                _append_trimmed(sentences, text, start, marks_end, span, True)
                start, marks_end = marks_end, -1
        if _ends_sentence(classes, text, match_start, marks_stop, match_end, end):
            _append_trimmed(sentences, text, start, match_end, span, False)
            start = match_end
            has_word = False
    if marks_end >= 0:
        word_at = marks_end
        while word_at < end and not classes.of(text[word_at]) & WORD_CHARACTER:
            word_at += 1
        if word_at < end:
            _append_trimmed(sentences, text, start, marks_end, span, True)
            start = marks_end
    _append_trimmed(sentences, text, start, end, span, False)
    return sentences
