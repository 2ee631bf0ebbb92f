# cython: language_level=3, boundscheck=False, wraparound=False, always_allow_keywords=False
"""Compiled twin of ``linter.fluency.frequencies``: wordfreq's table as a hash table in a mapped file.

The file (``build``) is a header, 2**k slots and a pool of the words' UTF-8 bytes, each ended
by a zero byte. A slot (16 bytes, linear probing) holds the high half of its word's hash, where
the word starts in the pool plus one (0: an empty slot) and its Zipf value, the very double
wordfreq's table gave: a look-up reads a slot and, when the hashes agree, the pool (a dict
reads three places). Mapped read-only, the file costs a system call to open and forked workers
share it; a look-up hashes the word's UTF-8 (for an ASCII ``str``, its own bytes) in C.
A damaged file cannot make a look-up read outside it: the header is checked against the file's
size, each word's place against the pool, and probing stops after every slot.
"""

from libc.stdint cimport uint32_t, uint64_t
from libc.string cimport memchr, memcmp, memcpy


cdef extern from "Python.h":
    # Declared here without Cython's ``except NULL``: a word UTF-8 cannot encode (a lone
    # surrogate) is a word the table does not have, not an error.
    const char* PyUnicode_AsUTF8AndSize(object text, Py_ssize_t* size)
    void PyErr_Clear()


ctypedef struct Slot:
    uint32_t tag  # the hash's high half
    uint32_t start  # where the word starts in the pool, plus one; 0: empty
    double value


cdef enum:
    HEADER = 64  # magic, byte-order mark, slot count, pool size; zeros to 64
    MAX_LOAD_PERCENT = 70

cdef uint64_t BYTE_ORDER = 0x0102030405060708


cdef inline uint64_t _hash(const unsigned char* key, Py_ssize_t length) noexcept nogil:
    """The bytes mixed in 8 at a time (most words: once), then MurmurHash3's finaliser, so that the low bits (the slot) mix too."""
    cdef uint64_t h = 0x9E3779B97F4A7C15ULL ^ <uint64_t>length, chunk
    while length > 0:
        chunk = 0
        if length >= 8:
            memcpy(&chunk, key, 8)
        else:
            memcpy(&chunk, key, length)
        h = (h ^ chunk) * 0xFF51AFD7ED558CCDULL
        h ^= h >> 32
        key += 8
        length -= 8
    h ^= h >> 33
    h *= 0xFF51AFD7ED558CCDULL
    h ^= h >> 33
    h *= 0xC4CEB9FE1A85EC53ULL
    return h ^ (h >> 33)


cdef uint64_t _read(const unsigned char* at) noexcept nogil:
    cdef uint64_t value
    memcpy(&value, at, 8)
    return value


cdef uint64_t MAGIC = _read(b"NLZIPF\x00\x01")  # the 1: the layout's version (as in the file's name)


def build(dict table):
    """The file's bytes (a ``bytearray``) for ``table`` (word -> float).

    Raises ``ValueError`` for a word the file cannot hold (one UTF-8 cannot encode, or with a zero byte).
    """
    cdef uint64_t slots = 1, mask, index, h, pool_size = 0, start = 0
    while slots * MAX_LOAD_PERCENT < <uint64_t>(len(table) + 1) * 100:
        slots <<= 1
    mask = slots - 1
    keys = [word.encode("utf-8") for word in table]
    for key in keys:
        if b"\x00" in key:
            raise ValueError(f"a word with a zero byte: {key!r}")
        pool_size += len(<bytes>key) + 1
    if pool_size >= 0xFFFFFFFF:
        raise ValueError("too large a table for 32-bit places")
    cdef uint64_t pool_at = HEADER + sizeof(Slot) * slots
    data = bytearray(pool_at + pool_size)
    cdef unsigned char* base = data
    cdef Slot* slot_array = <Slot*>(base + HEADER)
    cdef uint64_t header[4]
    header[0], header[1], header[2], header[3] = MAGIC, BYTE_ORDER, slots, pool_size
    memcpy(base, header, sizeof(header))
    cdef const unsigned char* key_bytes
    cdef Py_ssize_t length
    for key, value in zip(keys, table.values()):
        key_bytes = <bytes>key
        length = len(<bytes>key)
        memcpy(base + pool_at + start, key_bytes, length)
        h = _hash(key_bytes, length)
        index = h & mask
        while slot_array[index].start != 0:
            index = (index + 1) & mask
        slot_array[index].tag = <uint32_t>(h >> 32)
        slot_array[index].start = <uint32_t>(start + 1)
        slot_array[index].value = value
        start += length + 1
    return data


cdef class MappedTable:
    """Word to Zipf value (0.0 for words English does not have), from the mapped file or, failing that, a stand-in.

    ``opener`` is called at the first look-up: it returns the file's buffer (an ``mmap``) or a
    stand-in table with ``get`` and ``unknown`` (the pure twin, loaded whole). ``get`` and
    ``unknown`` are this class's own C methods, so that ``linter.fluency.zipf`` is one.
    """

    cdef object _opener
    cdef object _stand_in
    cdef const unsigned char[::1] _view  # holds the buffer while the pointers below point into it
    cdef const Slot* _slots
    cdef const unsigned char* _pool
    cdef uint64_t _mask, _pool_size

    def __init__(self, opener):
        self._opener = opener

    @property
    def complete(self):
        """Whether the table is open: every look-up from now on is answered in memory."""
        return self._slots != NULL or self._stand_in is not None

    cdef int _start(self) except -1:
        found = self._opener()
        if hasattr(found, "unknown"):
            self._stand_in = found
            return 0
        cdef const unsigned char[::1] view = found  # which ``readable`` accepted
        cdef const unsigned char* base = &view[0]
        self._view = view
        self._mask = _read(base + 16) - 1
        self._pool_size = _read(base + 24)
        self._pool = base + HEADER + sizeof(Slot) * (self._mask + 1)
        self._slots = <const Slot*>(base + HEADER)
        return 0

    cdef inline double _value(self, word) noexcept:
        """``word``'s value; 0.0 for a word the table does not have, or one UTF-8 cannot encode."""
        cdef Py_ssize_t length
        cdef const unsigned char* key = <const unsigned char*>PyUnicode_AsUTF8AndSize(word, &length)
        if key == NULL:
            PyErr_Clear()
            return 0.0
        cdef uint64_t h = _hash(key, length), probes, index, start
        cdef uint32_t tag = <uint32_t>(h >> 32)
        cdef const Slot* slot
        index = h & self._mask
        for probes in range(self._mask + 1):
            slot = self._slots + index
            if slot.start == 0:
                return 0.0
            if slot.tag == tag:
                start = slot.start - 1
                if (
                    start + <uint64_t>length < self._pool_size
                    and memcmp(self._pool + start, key, length) == 0
                    and self._pool[start + length] == 0
                    and memchr(key, 0, length) == NULL  # the pool's words hold no zero byte
                ):
                    return slot.value
            index = (index + 1) & self._mask
        return 0.0

    def get(self, str word not None):
        """``word``'s Zipf value: 0.0 for a word English does not have."""
        if self._slots == NULL:
            if self._stand_in is None:
                self._start()
            if self._stand_in is not None:
                return self._stand_in.get(word)
        return self._value(word)

    def unknown(self, words):
        """The ``words`` whose value is 0.0, as ``{w for w in words if self.get(w) == 0}``, in C."""
        if self._slots == NULL:
            if self._stand_in is None:
                self._start()
            if self._stand_in is not None:
                return self._stand_in.unknown(words)
        found = set()
        for word in words:
            if not isinstance(word, str):
                raise TypeError(f"a word is a str, not {type(word).__name__}")
            if self._value(word) == 0.0:
                found.add(word)
        return found


def readable(buffer):
    """Whether ``buffer`` is a whole file ``build`` wrote on a machine of this byte order."""
    cdef const unsigned char[::1] view = buffer
    cdef uint64_t size = view.shape[0], slots, pool_size
    if size < HEADER or (<size_t>&view[0]) % 8 != 0:
        return False
    cdef const unsigned char* base = &view[0]
    if _read(base) != MAGIC or _read(base + 8) != BYTE_ORDER:
        return False
    slots, pool_size = _read(base + 16), _read(base + 24)
    if slots == 0 or slots & (slots - 1) or slots > size // sizeof(Slot) or pool_size > size:
        return False
    return HEADER + sizeof(Slot) * slots + pool_size == size
