"""A rule pattern (``regex`` syntax) rewritten as an RE2 pattern that matches a superset of it.

RE2 runs many patterns in one linear pass (``re2.Set``) but lacks look-arounds,
back-references, possessive quantifiers and Unicode ``\\w \\d \\s``. Each construct is
replaced by one that matches at least what it did, so wherever the rule matches some
text, the superset matches that same text with no context around it:

* look-arounds, ``\\b \\B``, anchors are dropped (they only ever reject a match), except that
  for a search over a whole text a positive look-behind at the start of a match and a
  look-ahead at its end become text matched before and after it, and so do the anchors
  there: ``^ \\A`` a line break before or the start of the text, and (if asked, for a text
  searched whole: ``regex`` also sees an end where a search stops) ``$ \\Z`` a line break
  after or the end of the text; and a match that may be empty but starts with a positive
  look-ahead (``(?=.*words).*``) is what that look-ahead saw followed by anything;
* a back-reference becomes a copy of its group; atomic groups and possessives become plain;
* a long counted repetition becomes open-ended; ``.`` matches line breaks; ``\\w \\d \\s`` widen to classes holding all their Unicode members,
  and inside a negated class shrink to ASCII members (the complement then widens);
* a Unicode property (``\\p{Lu}``) keeps its ASCII members and widens to every character beyond
  ASCII (inside a negated class it shrinks to its ASCII members).

Anything not understood raises :class:`Unsupported`, and the rule is then run without a prefilter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

#: ``\w`` widened: every character but the ASCII non-word ones.
_WORD = r"\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f"
_WIDE = {
    "w": f"[^{_WORD}]",
    "W": "[^0-9A-Za-z_]",
    "d": r"[\p{Nd}]",
    "D": "[^0-9]",
    "s": r"[\x09-\x0d\x1c-\x1f\x20\x{85}\x{180e}\p{Z}]",
    "S": r"[^\x09-\x0d\x20]",
}
#: The same escapes inside a positive class (a superset of their members) ...
_IN_CLASS = {
    "w": r"\x{80}-\x{10ffff}0-9A-Za-z_",
    "W": r"\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x{10ffff}",
    "d": r"\p{Nd}",
    "D": r"\x00-\x2f\x3a-\x{10ffff}",
    "s": r"\x09-\x0d\x1c-\x1f\x20\x{85}\x{180e}\p{Z}",
    "S": r"\x00-\x08\x0e-\x1f\x21-\x{10ffff}",
}
#: ... and inside a negated class (a subset of their members).
_IN_NEGATED = {
    "w": "0-9A-Za-z_",
    "W": _WORD,
    "d": "0-9",
    "D": r"\x00-\x2f\x3a-\x7f",
    "s": r"\x09-\x0d\x20",
    "S": r"\x21-\x7e",
}
_CHAR_ESCAPES = {"t": 0x09, "n": 0x0A, "r": 0x0D, "f": 0x0C, "v": 0x0B, "a": 0x07, "e": 0x1B}
_DROPPED = set("bBAZzGmMK")
#: What ``^`` (``MULTILINE``, ``WORD``) needs before it and ``$`` after it: a line break the
#: ``regex`` module's WORD mode knows (never the ``\n`` of a ``\r\n``, which is no break
#: for them and which this class holds anyway), or the start or end of the text.
_BREAK = r"[\x0a-\x0d\x{85}\x{2028}\x{2029}]"
_LINE_START = rf"\A|{_BREAK}"
_LINE_END = rf"{_BREAK}|\z"
_CASED = {"Lu", "Ll", "Lt", "Lowercase", "Uppercase", "Lowercase_Letter", "Uppercase_Letter", "Titlecase_Letter"}
#: Counted repetitions above this become open-ended (``X{3,400}`` -> ``X{3,}``): RE2 compiles a
#: copy of ``X`` per count, and a few hundred copies of a Unicode class make a huge automaton.
_COUNTED = 4
_FLAGS = set("imsxuaLw0V")
_LEADING_FLAGS = re.compile(r"(?:\(\?[a-zA-Z0-9]*\))*")


class _Piece(NamedTuple):
    """A translated piece of pattern: ``full`` matches a superset of what it did; ``part``, if
    set, a superset of a stretch of each of its matches (a prefix, or at the top level any
    stretch), left short of a wide repetition that would blow up RE2's DFA; ``wide`` says the
    piece is such a repetition (``.*``, ``[^()]{3,}``)."""

    full: str
    part: str | None = None
    wide: bool = False
    look: str | None = None  # "behind" or "ahead": a positive look-around, of ``context``; "end": ``$ \Z``
    context: str | None = None
    nullable: bool | None = None  # whether ``full`` may match the empty string (None: if it is "")
    part_nullable: bool | None = None
    lead: str | None = None  # a positive look-ahead: the full form of what it matched, unless that may be empty

    @property
    def empty(self) -> bool:
        return self.full == "" if self.nullable is None else self.nullable

    @property
    def part_empty(self) -> bool:
        if self.part is None:
            return self.empty
        return self.part == "" if self.part_nullable is None else self.part_nullable


class Unsupported(ValueError):
    """The pattern uses a construct with no known superset in RE2."""


def hex_escape(code: int) -> str:
    """A code point as an escape that RE2 and ``regex`` both read (``\\x{...}``)."""
    return f"\\x{{{code:x}}}"


class _Translator:
    def __init__(self, pattern: str, ignore_case: bool, ends: bool) -> None:
        self.p = pattern
        self.i = 0
        self.groups: list[str | None] = [None]  # translated text of each closed capture group
        self.names: dict[str, int] = {}
        self.verbose = False
        self.icase = ignore_case
        self.ends = ends
        self.ended = False  # whether a context of ``$`` or ``\Z`` was kept
        self.line_bound: set[str] = set()  # the translated negated classes that exclude ``\n``

    def peek(self, n: int = 1) -> str:
        return self.p[self.i : self.i + n]

    def alternation(self, top: bool = False, look_behind: bool = False) -> _Piece:
        branches = [self.sequence(top, look_behind)]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence(top, look_behind))
        full = "|".join(branch.full for branch in branches)
        empty = any(branch.empty for branch in branches)
        if all(branch.part is None for branch in branches):
            return _Piece(full, nullable=empty)
        part = "|".join(branch.full if branch.part is None else branch.part for branch in branches)
        return _Piece(full, part, nullable=empty, part_nullable=any(branch.part_empty for branch in branches))

    def sequence(self, top: bool, look_behind: bool = False) -> _Piece:
        """One branch; ``top``: of the whole pattern, ``look_behind``: of a look-behind's body."""
        items: list[_Piece] = []
        while self.i < len(self.p) and self.peek() not in "|)":
            if self.verbose and self._skip_verbose():
                continue
            if self.peek() in "*+?" or (self.peek() == "{" and self._counted()):
                quantifier = self._quantifier()
                if items and items[-1].full:
                    item = items[-1].full
                    # ``.`` or a negated class that takes line breaks (``[^()]``): its runs span paragraphs and blow
                    # up the DFA. One that stops at them (NL514's ``[^,.;:\n]``) dies within a clause and is kept.
                    spans = "(?s:." in item or (item.startswith("[^") and item not in self.line_bound)
                    wide = quantifier[-2:] in (",}", "*", "+", ",}?", "*?", "+?") and spans
                    optional = quantifier[0] in "*?" or quantifier.startswith("{0") or items[-1].empty
                    items[-1] = _Piece(f"(?:{item}){quantifier}", None, wide, nullable=optional)
                elif items and (quantifier[0] in "*?" or quantifier.startswith("{0")):
                    items[-1] = _Piece("")  # an optional anchor or look-around (``^?``) may not hold: what it sees is not kept
                continue
            items.append(self.atom())
        full = "".join(item.full for item in items)
        kept: list[str] = []
        empties: list[bool] = []
        skipped = cut = False
        for item in items:
            if item.wide or item.part is not None:
                if item.wide and top and not "".join(kept):
                    skipped = True  # at the top, any stretch of a match will do: skip a wide start
                    continue
                if not item.wide:
                    kept.append(item.part)
                    empties.append(item.part_empty)
                cut = True
                break
            kept.append(item.full)
            empties.append(item.empty)
        consuming = [index for index, item in enumerate(items) if item.full]
        first, last = (consuming[0], consuming[-1]) if consuming else (len(items), -1)
        behind = next((item.context for item in items[:first] if item.look == "behind" and item.context), None)
        if top:  # the text a look-behind before the match, or a look-ahead after it, has seen
            ahead = next((item for item in items[last + 1 :] if item.look in ("ahead", "end") and item.context), None)
            if behind and not skipped:
                kept.insert(0, f"(?:{behind})")
                empties.append(False)
            if ahead and not cut:
                kept.append(f"(?:{ahead.context})")
                empties.append(False)
                self.ended = self.ended or ahead.look == "end"
        elif look_behind and behind:
            # A look-behind's ``^`` or ``\A`` before its first character speaks of the text before the
            # look-behind's, which the caller matches: ``(?<=^[ \t]*)`` saw a line break and blanks.
            full = f"(?:{behind}){full}"
            kept.insert(0, f"(?:{behind})")
        part = "".join(kept)
        empty = all(item.empty for item in items)
        lead = next((item.lead for item in items if item.lead or item.full), None) if top else None
        if empty and lead:
            # A match that may be empty but starts where a look-ahead matched (``(?=.*words).*``)
            # holds what the look-ahead saw: ``regex`` stops it at the end of the text searched too.
            return _Piece(f"(?:{lead})(?s:.*)", part, nullable=False, part_nullable=all(empties))
        return _Piece(full, None if part == full else part, nullable=empty, part_nullable=all(empties))

    def _skip_verbose(self) -> bool:
        char = self.peek()
        if char.isspace():
            self.i += 1
            return True
        if char == "#":
            end = self.p.find("\n", self.i)
            self.i = len(self.p) if end == -1 else end + 1
            return True
        return False

    def _counted(self) -> bool:
        end = self.p.find("}", self.i)
        body = self.p[self.i + 1 : end] if end != -1 else ""
        low, _, high = body.partition(",")
        return bool(body) and (low.isdigit() or (not low and high.isdigit())) and (not high or high.isdigit())

    def _quantifier(self) -> str:
        if self.peek() == "{":
            end = self.p.find("}", self.i)
            low, comma, high = self.p[self.i + 1 : end].partition(",")
            self.i = end + 1
            least = int(low or 0)
            if comma and (not high or int(high) > _COUNTED):
                quantifier = f"{{{min(least, _COUNTED)},}}"  # RE2 would unroll every copy
            elif least > _COUNTED:
                quantifier = f"{{{_COUNTED},}}"
            else:
                quantifier = "{" + str(least) + comma + high + "}"
        else:
            quantifier = self.peek()
            self.i += 1
        if self.peek() == "?":
            self.i += 1
            quantifier += "?"
        elif self.peek() == "+":
            self.i += 1  # possessive: the plain quantifier matches a superset
        return quantifier

    def atom(self) -> _Piece:
        char = self.peek()
        self.i += 1
        if char == "(":
            return self.group()
        if char == "[":
            return _Piece(self.char_class())
        if char == "\\":
            return self.escape()
        if char == ".":
            return _Piece("(?s:.)")
        if char == "^":
            return _Piece("", look="behind", context=_LINE_START)
        if char == "$":
            return self._end(_LINE_END)
        return _Piece(self.literal(ord(char)))

    def _end(self, context: str) -> _Piece:
        """An end anchor: the text after it, where the caller searches texts whole (else dropped)."""
        return _Piece("", look="end", context=context if self.ends else None)

    def literal(self, code: int) -> str:
        return hex_escape(code)

    def group(self) -> _Piece:
        if self.peek() != "?":
            return self.capture(None)
        self.i += 1
        head = self.peek()
        if head == ":" or head == ">":
            self.i += 1
            return _wrapped("(?:", self._body())
        if head in "=!" or (head == "<" and self.peek(2)[1:] in ("=", "!")):
            behind = head == "<"
            positive = self.peek(2)[behind] == "="
            self.i += 2 if behind else 1
            body = self._body(look_behind=behind)
            if not positive:
                return _Piece("")
            if behind:  # the stretch just before the match: usable only whole
                usable = body.part is None and "(?s:." not in body.full
                return _Piece("", look="behind", context=body.full if usable else None)
            return _Piece("", look="ahead", context=body.full if body.part is None else body.part, lead=None if body.empty else body.full)
        if head == "#":
            self.i = self.p.index(")", self.i) + 1
            return _Piece("")
        if head == "P" and self.peek(2) == "P<" or head == "<":
            self.i += 2 if head == "P" else 1
            end = self.p.index(">", self.i)
            name = self.p[self.i : end]
            self.i = end + 1
            return self.capture(name)
        if head == "P" and self.peek(2) == "P=":
            end = self.p.index(")", self.i)
            name = self.p[self.i + 2 : end]
            self.i = end + 1
            return self.backreference(self.names.get(name, -1))
        return self.flags()

    def _body(self, look_behind: bool = False) -> _Piece:
        body = self.alternation(look_behind=look_behind)
        if self.peek() != ")":
            raise Unsupported("unbalanced parenthesis")
        self.i += 1
        return body

    def capture(self, name: str | None) -> _Piece:
        index = len(self.groups)
        self.groups.append(None)
        if name is not None:
            self.names[name] = index
        body = self._body()
        self.groups[index] = body.full
        return _wrapped("(?:", body)

    def backreference(self, index: int) -> _Piece:
        if not 0 < index < len(self.groups) or self.groups[index] is None:
            return _Piece("(?s:.*)", None, True, nullable=True)
        return _Piece(f"(?{'i' if self.icase else ''}:{self.groups[index]})")

    def flags(self) -> _Piece:
        start = self.i
        while self.i < len(self.p) and self.peek() not in ":)":
            self.i += 1
        on, _, off = self.p[start : self.i].partition("-")
        if not set(on + off) <= _FLAGS:
            raise Unsupported(f"flags {on}-{off}")
        scoped = self.peek() == ":"
        if not scoped and not _LEADING_FLAGS.fullmatch(self.p, 0, start - 2):
            raise Unsupported("inline flags after the start apply to the whole pattern")
        self.i += 1
        saved = (self.verbose, self.icase)
        self.verbose = "x" in on or (self.verbose and "x" not in off)
        self.icase = "i" in on or (self.icase and "i" not in off)
        case = "(?i" if self.icase else "(?-i"
        if scoped:
            body = self.alternation()
            if self.peek() != ")":
                raise Unsupported("unbalanced parenthesis")
            self.i += 1
            self.verbose, self.icase = saved
            return _wrapped(f"{case}:", body)
        return _Piece("")  # leading flags: ``superset`` applies the case they leave

    def escape(self) -> _Piece:
        char = self.peek()
        self.i += 1
        if char in _WIDE:
            return _Piece(_WIDE[char])
        if char == "A":
            return _Piece("", look="behind", context=r"\A")
        if char == "Z":
            return self._end(r"\z")
        if char in _DROPPED:
            return _Piece("")
        if char in "pP":
            return _Piece(f"[{self._property(char, negated=False)}]")
        if char.isdigit() and char != "0":
            return self.backreference(int(char))
        return _Piece(self.literal(self._code(char)))

    def _property(self, char: str, negated: bool) -> str:
        if self.peek() == "{":
            end = self.p.index("}", self.i)
            name = self.p[self.i + 1 : end]
            self.i = end + 1
        else:
            name = self.peek()
            self.i += 1
        if not name.replace("_", "").isalnum():
            raise Unsupported(f"property {name}")
        if self.icase and name in _CASED and (char == "P" or negated):
            raise Unsupported("negated case-bound property under ignore-case")
        ascii_members = _ascii_members(f"\\{char}{{{name}}}", self.icase)
        # In a negated class the item must stand for fewer characters (its ASCII ones), elsewhere for more.
        return ascii_members if negated else ascii_members + _NON_ASCII

    def _code(self, char: str) -> int:
        """The code point of a character escape (``\\t``, ``\\x41``, ``\\u00A0``, ``\\N{...}``, ``\\.``)."""
        if char in _CHAR_ESCAPES:
            return _CHAR_ESCAPES[char]
        if char in "xuU":
            if char == "x" and self.peek() == "{":
                end = self.p.index("}", self.i)
                digits, self.i = self.p[self.i + 1 : end], end + 1
            else:
                width = {"x": 2, "u": 4, "U": 8}[char]
                digits, self.i = self.p[self.i : self.i + width], self.i + width
            return int(digits, 16)
        if char == "N" and self.peek() == "{":
            end = self.p.index("}", self.i)
            name, self.i = self.p[self.i + 1 : end], end + 1
            return ord(unicodedata.lookup(name))
        if char.isalnum():
            raise Unsupported(f"escape \\{char}")
        return ord(char)

    def char_class(self) -> str:
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        parts: list[str] = []
        first = True
        newline = False  # whether ``\n`` is listed (a shorthand that holds it, like ``\s``, counts as not)
        while True:
            if self.i >= len(self.p):
                raise Unsupported("unterminated class")
            char = self.peek()
            if char == "]" and not first:
                self.i += 1
                break
            if char == "[" and self.peek(2) in ("[:", "[=", "[."):
                raise Unsupported("POSIX class")
            first = False
            low = self._class_item(negated)
            if isinstance(low, str):
                parts.append(low)
                continue
            if self.peek() == "-" and self.peek(2) != "-]":
                self.i += 1
                high = self._class_item(negated)
                if isinstance(high, str):
                    raise Unsupported("range to a class")
                parts.append(f"{hex_escape(low)}-{hex_escape(high)}")
                newline = newline or low <= 0x0A <= high
            else:
                parts.append(hex_escape(low))
                newline = newline or low == 0x0A
        if negated and not "".join(parts):
            return r"[\x{0}-\x{10ffff}]"  # only properties without ASCII members: any character
        translated = f"[{'^' if negated else ''}{''.join(parts)}]"
        if negated and newline:
            self.line_bound.add(translated)
        return translated

    def _class_item(self, negated: bool) -> int | str:
        """One code point, or the text of a shorthand class (``\\w``, ``\\p{L}``)."""
        char = self.peek()
        self.i += 1
        if char != "\\":
            return ord(char)
        char = self.peek()
        self.i += 1
        if char in _IN_CLASS:
            return (_IN_NEGATED if negated else _IN_CLASS)[char]
        if char in "pP":
            return self._property(char, negated)
        if char == "b":
            return 0x08
        return self._code(char)


#: Every character outside ASCII, which a property stands for in the superset whatever its members there.
_NON_ASCII = r"\x{80}-\x{10ffff}"


@cache
def _ascii_members(escape: str, ignore_case: bool) -> str:
    """The ASCII characters that the property ``escape`` (``\\p{Lu}``, ``\\P{L}``) matches, as class ranges.

    Outside ASCII the superset lets a property match every character: RE2 compiles a Unicode
    property, under case-insensitivity its case closure, into a UTF-8 automaton of hundreds of
    ranges (NL320's form took 0.03 s to compile, 0.004 s so widened), and its Unicode tables
    need not be ``regex``'s.
    """
    import regex  # the rule patterns' own reading of the property (already loaded with the rules)

    try:
        test = regex.compile(escape, regex.IGNORECASE if ignore_case else 0)
    except regex.error as error:
        raise Unsupported(f"property {escape}: {error}") from None
    members = {code for code in range(0x80) if test.match(chr(code))}
    ranges: list[str] = []
    for code in sorted(members):
        if code - 1 in members:
            continue
        end = code
        while end + 1 in members:
            end += 1
        ranges.append(hex_escape(code) if end == code else f"{hex_escape(code)}-{hex_escape(end)}")
    return "".join(ranges)


def _wrapped(opening: str, body: _Piece) -> _Piece:
    part = None if body.part is None else f"{opening}{body.part})"
    return _Piece(f"{opening}{body.full})", part, nullable=body.empty, part_nullable=body.part_empty)


class Superset(NamedTuple):
    """RE2 patterns that match wherever a rule pattern does: ``search`` some stretch of each of
    its matches (for a search over a whole text), ``whole`` each match from end to end. None
    where the form may match the empty string, and so every text (a rule made of a look-ahead).
    ``ended``: ``search`` holds only where the rule searched the text whole (it kept ``$`` or ``\\Z``)."""

    search: str | None
    whole: str | None
    ended: bool = False


def superset(pattern: str, *, ignore_case: bool = False, ends: bool = False) -> Superset:
    """The RE2 supersets of ``pattern`` (``regex`` syntax, the rule packs' flags); with ``ends``,
    the search form keeps ``$`` and ``\\Z`` (for a rule that searches a text from start to end)."""
    translator = _Translator(pattern, ignore_case, ends)
    try:
        body = translator.alternation(top=True)
    except (IndexError, ValueError) as error:
        if isinstance(error, Unsupported):
            raise
        raise Unsupported(str(error)) from None
    if translator.i != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    case = "(?i:{})" if translator.icase else "{}"
    search = None if body.part_empty else case.format(body.full if body.part is None else body.part)
    return Superset(search, None if body.empty else case.format(body.full), search is not None and translator.ended)
