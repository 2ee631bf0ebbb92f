# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twin of ``linter.fluency.PureScorer``: the same additions in the same order, in C.

Built by ``pip install`` where a C compiler exists (``setup.py``); tests/test_fluency_kernel.py
asserts that both return the same float for the same sentences. Tokens are the ``_Token``
tuples of ``linter.fluency``: (id, word, zipf, upper, lower, digit, left, right).
"""

from libc.math cimport log1p, sqrt
from libc.stdint cimport uint64_t

DEF DENSE = 12


cdef class Scorer:
    cdef const float[:] weights
    cdef uint64_t buckets
    cdef double mean[DENSE]
    cdef double scale[DENSE]
    cdef double dense_weights[DENSE]
    cdef double bias
    cdef tuple start, end

    def __init__(self, model, start, end):
        self.weights = model.weights
        self.buckets = model.buckets
        for i in range(DENSE):
            self.mean[i] = model.mean[i]
            self.scale[i] = model.scale[i]
            self.dense_weights[i] = model.dense_weights[i]
        self.bias = model.bias
        self.start, self.end = <tuple>start, <tuple>end  # _Token: a tuple subclass

    def __call__(self, list tokens, Py_ssize_t spaced):
        cdef Py_ssize_t n = len(tokens), words = 0, lowercase = 0, i
        cdef Py_ssize_t rare = 0, uncommon = 0, lowercase_rare = 0, upper = 0, digits = 0, repeats = 0
        cdef double z, zsum = 0.0, zmin = 0.0, lowercase_min = 7.0
        cdef double values[DENSE]
        cdef tuple token
        cdef object word, previous = None
        for i in range(n):
            token = <tuple>tokens[i]
            if token[5]:
                digits += 1
            word = token[1]
            if word is None:
                continue
            z = token[2]
            zsum += z
            if words == 0 or z < zmin:
                zmin = z
            rare += z < 1
            uncommon += z < 2.5
            upper += 1 if token[3] else 0
            if token[4]:
                if lowercase == 0 or z < lowercase_min:
                    lowercase_min = z
                lowercase_rare += z < 2
                lowercase += 1
            if words and word == previous:
                repeats += 1
            previous = word
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
        cdef tuple token
        cdef Py_ssize_t i
        token = self.start
        singles += self.weights[<uint64_t>token[0] % self.buckets]
        left = token[6]
        for i in range(n + 1):
            token = <tuple>tokens[i] if i < n else self.end
            singles += self.weights[<uint64_t>token[0] % self.buckets]
            key = (left + <uint64_t>token[7]) >> 32
            pairs += self.weights[key % self.buckets]
            left = token[6]
        return (singles + pairs) / sqrt(<double>(n + 2))
