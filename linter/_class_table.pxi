# The character-class table of the compiled kernels (``_words.pyx``, ``checks/_name_tokens.pyx``,
# ``fluency/_scorer.pyx``), written once and ``include``d by each: each kernel then compiles and
# imports on its own (a shared extension module that the others cimport would take all three
# down with it where it failed to build, or where a stale build of it no longer matched theirs).

cimport cython
from libc.stdlib cimport calloc, free

import regex

cdef enum:
    _CODE_POINTS = 0x110000
    _CLASS_BLOCK = 256  # code points learned together, the first time a text meets one of them
    _KNOWN = 0x80  # an entry already learned (its class bits may all be 0)


@cython.final
cdef class ClassTable:
    """Which of up to seven ``regex`` character classes each character is in: bit i for
    ``patterns[i]``.

    Asked of ``regex`` itself, with the very class expressions the pure twins' patterns are
    built of (Python's ``str.isalpha`` and the like follow another Unicode version), and kept in
    one byte per code point; the table is allocated zeroed, so the pages of blocks no text
    meets are never touched.
    """

    cdef unsigned char *table
    cdef tuple patterns

    def __cinit__(self, patterns):
        if len(patterns) > 7:
            raise ValueError("a class table holds at most seven classes")
        self.patterns = tuple([regex.compile(f"(?:{pattern})+") for pattern in patterns])
        self.table = <unsigned char *>calloc(_CODE_POINTS, 1)
        if self.table is NULL:
            raise MemoryError()

    def __dealloc__(self):
        free(self.table)

    cdef inline int of(self, Py_UCS4 character) except -1:
        """The class bits of ``character``."""
        cdef unsigned char bits = self.table[character]
        if not bits:
            bits = self._learn(character)
        return bits & ~_KNOWN

    cdef unsigned char _learn(self, Py_UCS4 character) except 0:
        """Fill in the block of ``character`` from each pattern's runs over it; its entry."""
        cdef Py_ssize_t code = character  # a number: ``%`` on a Py_UCS4 would format a string
        cdef Py_ssize_t first = code - code % _CLASS_BLOCK, index
        cdef unsigned char *block = self.table + first
        cdef unsigned char bit = 1
        characters = "".join(map(chr, range(first, first + _CLASS_BLOCK)))
        for pattern in self.patterns:
            for match in pattern.finditer(characters):
                for index in range(match.start(), match.end()):
                    block[index] |= bit
            bit <<= 1
        for index in range(_CLASS_BLOCK):
            block[index] |= _KNOWN
        return block[code - first]

    def classes_of(self, str character):
        """The class bits of ``character`` (the tests compare them with ``regex``)."""
        return self.of(ord(character))
