# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twins of ``linter.fluency.PureScorer`` and of ``linter.checks.garbled.narrative``:
the same tokens, counts and additions in the same order, in C.

Built by ``pip install`` where a C compiler exists (``setup.py``); tests/test_fluency_kernel.py
asserts that both twins return the same values for the same sentences. Tokens are the ``_Token``
tuples of ``linter.fluency``: (id, word, zipf, upper, lower, digit, left, right).

Both read a sentence one character at a time where the pure twins run ``regex`` patterns. Which
character classes a character is in comes from a ``ClassTable`` (``_class_table.pxi``), asked
of the ``regex`` module itself with the very class expressions those patterns are built of.
A sentence with a character beyond the Basic Multilingual Plane goes to the pure twin.
"""

cimport cython
from cpython.dict cimport PyDict_GetItem
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ, PyUnicode_Substring
from libc.math cimport log1p, sqrt
from libc.stdint cimport uint64_t

include "../_class_table.pxi"

DEF DENSE = 12
DEF WIDE = 4  # PyUnicode_4BYTE_KIND: the string has a character beyond the plane
DEF CACHED = 200_000  # distinct tokens kept before the cache starts again, as linter.fluency._CACHED

# Bits of the token classes, in the order of ``linter.fluency.TOKEN_CLASSES``.
DEF LETTER = 1
DEF DIGIT = 2
DEF SPACE = 4
DEF APOSTROPHE = 8
DEF SPACED_PUNCT = 16
# Bits of the narrative classes, in the order of ``linter.checks.garbled.NARRATIVE_CLASSES``.
DEF WORD = 1
DEF UPPER = 2
DEF NUMBER = 4
DEF NUMBER_TAIL = 8
DEF QUOTE = 16


@cython.final
cdef class Narrative:
    """``narrative(text, min_words)`` of ``linter.checks.garbled`` in one pass over the text."""

    cdef ClassTable classes
    cdef object fallback

    def __init__(self, patterns, fallback):
        self.classes = ClassTable(patterns)
        self.fallback = fallback

    def __call__(self, str text, Py_ssize_t min_words):
        if PyUnicode_KIND(text) == WIDE:
            return self.fallback(text, min_words)
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = len(text), i, words = 0, names = 0
        cdef int bits
        cdef ClassTable classes = self.classes
        cdef bint in_word = False
        cdef int in_name = 0  # 0: outside a name or number, UPPER: in a name, NUMBER: in a number
        for i in range(n):
            bits = classes.of(PyUnicode_READ(kind, data, i))
            if bits & QUOTE:
                return False
            if bits & WORD:  # ``\w+`` matches: runs of word characters
                words += not in_word
                in_word = True
            else:
                in_word = False
            # ``\p{Lu}\w*|\d[\w.,:/-]*`` matches: a match goes on while it can, the next starts after it
            if in_name == UPPER and bits & WORD or in_name == NUMBER and bits & NUMBER_TAIL:
                continue
            in_name = UPPER if bits & UPPER else NUMBER if bits & NUMBER else 0
            names += in_name != 0
        return words >= min_words and names <= 0.4 * words


@cython.final
@cython.no_gc  # its one object field holds a str: no cycles
cdef class Record:
    """A ``_Token`` tuple in C fields."""

    cdef uint64_t id, left, right
    cdef object word
    cdef double zipf
    cdef bint upper, lower, digit

    def __init__(self, token):
        self.id, self.word, self.zipf, self.upper, self.lower, self.digit, self.left, self.right = token


@cython.final
cdef class Scorer:
    """``PureScorer``: ``quality(sentence)`` reads the tokens and adds the model's weights."""

    cdef const float[:] weights
    cdef uint64_t buckets
    cdef double mean[DENSE]
    cdef double scale[DENSE]
    cdef double dense_weights[DENSE]
    cdef double bias
    cdef Record start, end
    cdef ClassTable classes
    cdef dict records
    cdef object make, fallback

    def __init__(self, model, start, end, patterns, make, fallback):
        """``patterns``: the token classes; ``make``: a token's ``_Token``; ``fallback``: the pure twin."""
        self.weights = model.weights
        self.buckets = model.buckets
        for i in range(DENSE):
            self.mean[i] = model.mean[i]
            self.scale[i] = model.scale[i]
            self.dense_weights[i] = model.dense_weights[i]
        self.bias = model.bias
        self.start, self.end = Record(start), Record(end)
        self.classes = ClassTable(patterns)
        self.records = {}
        self.make, self.fallback = make, fallback

    def quality(self, str sentence):
        """The tokens of ``TOKEN.findall`` and the count of ``_SPACE_BEFORE_PUNCT``, then the score."""
        if PyUnicode_KIND(sentence) == WIDE:
            return self.fallback.quality(sentence)
        cdef int kind = PyUnicode_KIND(sentence)
        cdef void* data = PyUnicode_DATA(sentence)
        cdef Py_ssize_t n = len(sentence), i = 0, j, spaced = 0
        cdef int bits
        cdef ClassTable classes = self.classes
        cdef list tokens = []
        while i < n:
            bits = classes.of(PyUnicode_READ(kind, data, i))
            j = i + 1
            if bits & LETTER:  # \p{L}+(?:['’]\p{L}+)*
                while True:
                    while j < n and classes.of(PyUnicode_READ(kind, data, j)) & LETTER:
                        j += 1
                    if (j + 1 < n and classes.of(PyUnicode_READ(kind, data, j)) & APOSTROPHE
                            and classes.of(PyUnicode_READ(kind, data, j + 1)) & LETTER):
                        j += 2
                    else:
                        break
            elif bits & DIGIT:  # \d+
                while j < n and classes.of(PyUnicode_READ(kind, data, j)) & DIGIT:
                    j += 1
            elif bits & SPACE:  # not a token; \s[,.;:!?] starts here or nowhere
                if j < n and classes.of(PyUnicode_READ(kind, data, j)) & SPACED_PUNCT:
                    spaced += 1
                i = j
                continue
            tokens.append(self._record(PyUnicode_Substring(sentence, i, j)))
            i = j
        return self._score(tokens, spaced)

    cdef Record _record(self, str token):
        cdef PyObject* found = PyDict_GetItem(self.records, token)
        if found is not NULL:
            return <Record>found
        if len(self.records) >= CACHED:
            self.records.clear()
        record = Record(self.make(token))
        self.records[token] = record
        return record

    cdef double _score(self, list tokens, Py_ssize_t spaced) except? -1.0:
        cdef Py_ssize_t n = len(tokens), words = 0, lowercase = 0, i
        cdef Py_ssize_t rare = 0, uncommon = 0, lowercase_rare = 0, upper = 0, digits = 0, repeats = 0
        cdef double z, zsum = 0.0, zmin = 0.0, lowercase_min = 7.0
        cdef double values[DENSE]
        cdef Record token, previous = None
        for i in range(n):
            token = <Record>tokens[i]
            if token.digit:
                digits += 1
            if token.word is None:
                continue
            z = token.zipf
            zsum += z
            if words == 0 or z < zmin:
                zmin = z
            rare += z < 1
            uncommon += z < 2.5
            upper += token.upper
            if token.lower:
                if lowercase == 0 or z < lowercase_min:
                    lowercase_min = z
                lowercase_rare += z < 2
                lowercase += 1
            if words and token.id == previous.id and token.word == previous.word:  # equal words, equal ids
                repeats += 1
            previous = token
            words += 1
        if words == 0:  # the pure scorer counts a zipf of 0.0 in place of the missing words
            rare = uncommon = 1
        cdef Py_ssize_t counted = words if words else 1
        cdef Py_ssize_t lowercase_counted = lowercase if lowercase else 1
        values[0] = log1p(<double>n)
        values[1] = zsum / counted
        values[2] = zmin
        values[3] = <double>rare / counted
        values[4] = <double>uncommon / counted
        values[5] = lowercase_min
        values[6] = <double>lowercase_rare / lowercase_counted
        values[7] = <double>upper / counted
        values[8] = <double>repeats
        values[9] = <double>spaced
        values[10] = <double>(n - words) / (n if n else 1)
        values[11] = <double>digits / (n if n else 1)
        cdef double total = self.bias
        for i in range(DENSE):
            total += (values[i] - self.mean[i]) / self.scale[i] * self.dense_weights[i]
        return total + self._hashed(tokens, n)

    cdef double _hashed(self, list tokens, Py_ssize_t n):
        """The weights of the token ids and of the adjacent pairs, divided by sqrt(ids)."""
        cdef double singles = 0.0, pairs = 0.0
        cdef uint64_t left, key
        cdef Record token = self.start
        cdef Py_ssize_t i
        singles += self.weights[token.id % self.buckets]
        left = token.left
        for i in range(n + 1):
            token = <Record>tokens[i] if i < n else self.end
            singles += self.weights[token.id % self.buckets]
            key = (left + token.right) >> 32
            pairs += self.weights[key % self.buckets]
            left = token.left
        return (singles + pairs) / sqrt(<double>(n + 2))
