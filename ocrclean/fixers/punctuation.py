"""Stage 6, punctuation and spaces."""

from __future__ import annotations

import re
from itertools import islice

from ..language import effective_language
from ..protect import overlaps, protected_spans
from ..registry import Proposal, register
from ..scanning import finditer_each
from .layout import LineCursor

# The scans use the standard library's engine on plain patterns (it is several
# times faster than `regex` here); what precedes a match is checked in Python,
# on the few places that match.  A pattern that starts with a run of blanks
# starts only where the run starts, or a long run of spaces costs quadratic time.

# spaces before closing punctuation: "Armenia ." "regretfully ," "( word )".
# Not before an ellipsis or a decimal (" .5"), and not where the "punctuation"
# starts a token of its own (" .NET", " ,,").
# one blank right before the mark; the run of blanks before it is found by
# stepping back (a pattern starting with a run of blanks would be retried at
# every blank of a long run)
_SPACE_BEFORE = re.compile(r"[ \t]([.,;:!?)\]])(?=$|\s|[\"'\u201d\u2019)\]]+(?:\s|$))")
# ... found from the blank, one pattern for each (see ocrclean.scanning): the
# engine skips to a space at C speed and tries the class of marks only there
# (a pattern that opens with the class of marks, the blank checked by a
# look-behind, tries the class at every character: half as fast again).  The
# mark is group 1; most pages hold no tab and are scanned once.
_BLANK_THEN_MARK = {blank: re.compile(blank + r"([.,;:!?)\]])(?=$|\s|[\"'\u201d\u2019)\]]+(?:\s|$))")
                    for blank in " \t"}
_AFTER_WORD = re.compile(r"[\w)\]\"'\u201d\u2019%]")
_SPACE_BEFORE_FR_KEEP = frozenset(";:!?")
_HIGH_MARKS = ";:!?"
_HIGH_BLANKS = " \t\u00a0\u202f"  # the spaces French typography puts before them
_SPACED_MARK = re.compile(r"[ \t\u00a0\u202f][;:!?]")
# spaces after an opening bracket: "( word" (what stands before the bracket is
# checked in Python: a pattern that starts with a lookbehind scans slowly)
_SPACE_AFTER_OPEN = re.compile(r"([(\[])([ \t]+)(?=\w)")
# ... one pattern per bracket, opening with it (see ocrclean.scanning): the
# engine skips to each bracket at memchr speed, where the class is tried at
# every character; a page is scanned for the brackets it holds
_OPEN_THEN_BLANKS = {bracket: re.compile("(" + re.escape(bracket) + r")([ \t]+)(?=\w)") for bracket in "(["}
_BEFORE_OPEN = frozenset(" \t\n\f\"'\u201c\u2018")
# "Azerbaijan 's", "do n't", "they 're": one blank before the suffix (the run of
# blanks before it, and the letter before that, are checked in Python)
_SPACE_CLITIC = re.compile(r"[ \t](?=(?:['\u2019](?:s|re|ve|ll|d|m)|n['\u2019]t)(?![^\W\d_]))")
# ... found from the apostrophe, one pattern for each (see ocrclean.scanning); the
# blank is group 1 ('s) or group 2 (n't)
_CLITIC_APOSTROPHES = tuple(
    re.compile(q + r"(?:(?<=([ \t])" + q + r")(?=(?:s|re|ve|ll|d|m)(?![^\W\d_]))"
               r"|(?<=([ \t])n" + q + r")(?=t(?![^\W\d_])))")
    for q in ("'", "\u2019"))



def _spaces_before_marks(text: str):
    """The matches of ``_SPACE_BEFORE`` in ``text``, in order.

    >>> [(m.start(), m.group(1)) for m in _spaces_before_marks("Armenia . Yes\\t, no ( x )")]
    [(7, '.'), (13, ','), (22, ')')]
    """
    if "\t" in text:
        return finditer_each((_BLANK_THEN_MARK[" "], _BLANK_THEN_MARK["\t"]), text)
    return _BLANK_THEN_MARK[" "].finditer(text)


def _clitic_spaces(text: str):
    """The start of every match of ``_SPACE_CLITIC`` in ``text``, in order.

    >>> list(_clitic_spaces("Azerbaijan 's and do n't, they \u2019re"))
    [10, 20, 30]
    """
    for m in finditer_each(_CLITIC_APOSTROPHES, text):
        yield m.start(1) if m.group(1) is not None else m.start(2)


def spaces_high_punctuation(text: str) -> bool:
    """Does this text's typography put a space before ``; : ! ?``?

    French does, and so did much English printing before the 20th century; a
    transcription keeps it.  The text's own habit decides: spaced at least as
    often as not.

    >>> spaces_high_punctuation("Is it so ? Yes ; it is : see. Why ?")
    True
    >>> spaces_high_punctuation("Is it so? Yes; it is, and why ?")
    False
    """
    if not _SPACED_MARK.search(text):
        return False  # the common case, found in one scan
    return _spaced_at_least_as_often(text)


def _spaced_at_least_as_often(text: str) -> bool:
    """spaces_high_punctuation for a text known to space one of ``; : ! ?``
    (punctuation_spacing asks at such a mark: the scan for one is spared).

    >>> _spaced_at_least_as_often("Why ? Because ; so"), _spaced_at_least_as_often("Why? Yes; so ;")
    (True, False)
    """
    # Each mark once: spaced (a run of blanks between it and a non-space) or
    # tight (right after a letter or digit).  A scan for each of these shapes
    # would start with a look-behind, which the regex engine tries at every
    # character.
    # (each mark found with str.find, at memchr speed: a page holds few of
    # them, and a scan for the class of four tests every character)
    spaced = tight = 0
    for mark in _HIGH_MARKS:
        p = text.find(mark)
        while p >= 0:
            before = text[p - 1:p]
            if before and before in _HIGH_BLANKS:
                a = p - 1
                while a > 0 and text[a - 1] in _HIGH_BLANKS:
                    a -= 1
                if a > 0 and not text[a - 1].isspace():
                    spaced += 1
            elif before.isalnum() or before == "_":
                tight += 1
            p = text.find(mark, p + 1)
    return spaced > 0 and spaced >= tight


# -- full stops the engine lost -----------------------------------------------------
# A page whose OCR lost its full stops (small, worn dots on newsprint) ends few
# sentences: prose ends one every 15-30 words, such a page one in a hundred.
# (found from the stop, the two lower-case letters before it checked by a
# look-behind: the engine skips to each stop at C speed, and stops_lost counts
# the matches without a Python step per stop)
_SENTENCE_END = re.compile(r"\.(?<=[a-z][a-z]\.) [A-Z]")
_LOST_STOPS_MIN_WORDS = 100
_WORDS_PER_STOP = 60
# a lone capital and a space before another capital: maybe an initial ('Mr J K Emerton')
# (the capital first, the look-behind at the character before it after it: the
# engine skips to a capital at C speed, where a pattern that opens with a
# look-behind is tried at every character, three times slower on a page; and
# the look-ahead for a space and a capital before the look-behind: most
# capitals open a word that goes on in lower case, and fail there at once;
# the matches are those of r"(?<![\w.'\u2019&-])[A-Z](?= [A-Z])")
_LONE_CAPITAL = re.compile(r"[A-Z](?= [A-Z])(?<![\w.'\u2019&-][A-Z])")
_TITLE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?:Mr|Mrs|Messrs|Dr|Rev|Capt|Col|Sir|Lieut|Major|Sgt|Pte|Gnr|Cpl|Hon|"
                           r"[B-HJ-Z])\.? $")
_INITIAL_NAME = re.compile(r" [A-Z]\.? [A-Z][a-z]")
# a sentence opener after a lower-case word, itself followed by a lower-case word
_OPENER = re.compile(r" (?:The|He|She|They|We|There|This|It) [a-z]")
# words no sentence ends with: articles, prepositions, conjunctions, auxiliaries
_NO_SENTENCE_END = frozenset(
    "the a an and of to in on at by for with from that this these those his her their its our your my "
    "was were is are be been has have had or but nor as than said says which who whom whose whether if "
    "when where while into onto upon unto".split())


def stops_lost(text: str) -> bool:
    """Has the OCR of this page lost most of its full stops?  A hundred words or
    more and fewer than one sentence end (``word. Next``) in sixty.

    >>> stops_lost("the court was told that the man had left " * 12)
    True
    >>> stops_lost("The court sat. It was told that he had left. " * 12)
    False
    """
    words = text.count(" ") + text.count("\n")
    if words < _LOST_STOPS_MIN_WORDS:
        return False
    enough = words // _WORDS_PER_STOP + 1  # this many sentence ends: the stops are there
    # is there an enough-th sentence end?  (islice stops the scan there)
    return next(islice(_SENTENCE_END.finditer(text), enough - 1, None), None) is None


def _word_ending_at(text: str, s: int) -> str:
    r"""The lower-case word of two letters or more that ends at ``s``, within
    the 30 characters before it and after no word character, apostrophe, stop
    or hyphen; else "".

    What a search of ``(?<![\w'\u2019.-])([a-z]{2,})\Z`` over those 30
    characters finds, read backwards from ``s`` (the search tried the pattern
    at each of them; its look-behind sees the character before them too).

    >>> _word_ending_at("at the time The", 11), _word_ending_at("the x-time The", 10), _word_ending_at("a The", 1)
    ('time', '', '')
    """
    lo = max(0, s - 30)
    a = s
    while a > lo and "a" <= text[a - 1] <= "z":
        a -= 1
    if s - a < 2:
        return ""
    if a > 0:
        c = text[a - 1]
        if c.isalnum() or c in "_'\u2019.-":  # (\w, as re reads it, is what isalnum() and "_" are)
            return ""
    return text[a:s]


# a firm's 'and Co' / '& Co' before a bracket, a comma, a semicolon or a lower-case word
# ('Arnott, and Co) appeared', 'Scott and Co, of Sydney'): the abbreviation's stop
_COMPANY = re.compile(r"Co(?= ?[),;]| [a-z])")  # (found from ' Co'; 'and' or '&' before it)


@register("lost_stops", stage="punctuation",
          description="On a page whose OCR lost its full stops: initials ('Mr J K Emerton' -> "
                      "'Mr J. K. Emerton') and sentence ends ('the time The prisoner' -> 'the time. The prisoner')")
def fix_lost_stops(text, ctx):
    """Restore full stops on a page whose OCR lost them (English only).

    Only where the page shows the loss (see :func:`stops_lost`): a lone capital
    after a title or another initial, or before an initial and a name, is an
    initial (``Mr J K Emerton`` -> ``Mr J. K. Emerton``; not ``A`` or ``I`` opening
    a run); and a lower-case word no sentence ends with is never given a stop,
    but after any other lower-case word ``The``, ``He``, ``She``, ``They``, ``We``,
    ``There``, ``This`` or ``It`` followed by a lower-case word opens a sentence
    (``at the time The prisoner was`` -> ``at the time. The prisoner was``).
    ``Mr`` keeps its style: papers print it with a stop and without.  A firm's
    ``and Co`` before a bracket, a comma or a lower-case word gets its stop
    (``Arnott and Co) appeared`` -> ``Arnott and Co.) appeared``).

    >>> page = "he was charged before Mr J K Emerton at the time The prisoner was remanded " * 10
    >>> sorted({page[p.start - 8:p.start] + p.replacement for p in fix_lost_stops(page, None)})
    ['e Mr J K.', 'ore Mr J.', 'the time.']
    >>> list(fix_lost_stops(page[:76], None))  # one line: too short to show the loss
    []
    >>> [p.start for p in fix_lost_stops("Brown and Co ) appeared, Smith & Co, of Sydney " + page, None)
    ...  if p.reason.startswith("'and Co'")]
    [12, 35]
    """
    if not stops_lost(text):
        return
    # The page's language and its protected spans are asked for at the first
    # place that would take a stop, not before the scans: half the pages that
    # lose their stops have no such place, and the language guess (made once
    # a clean() call, for whichever fixer asks first) costs more than the scans.
    protected = None
    for m in _LONE_CAPITAL.finditer(text):
        s = m.start()
        letter = m.group()
        if not (_TITLE_BEFORE.search(text, max(0, s - 8), s)
                or letter not in "AI" and _INITIAL_NAME.match(text, s + 1)):
            continue
        if protected is None:
            if effective_language(text, ctx) != "en":
                return
            protected = protected_spans(text, ctx)
        if protected and overlaps(protected, s, s + 1):
            continue
        yield Proposal(s + 1, s + 1, ".", f"'{letter}' before a name is an initial; this page lost its full stops",
                       0.9)
    for m in _OPENER.finditer(text):
        s = m.start()
        word = _word_ending_at(text, s)
        if not word or word in _NO_SENTENCE_END:
            continue
        if protected is None:
            if effective_language(text, ctx) != "en":
                return
            protected = protected_spans(text, ctx)
        if protected and overlaps(protected, s, s + 1):
            continue
        opener = text[s + 1:m.end() - 2]
        yield Proposal(s, s, ".", f"'{word} {opener}': a sentence ends before '{opener}'; "
                                  f"this page lost its full stops", 0.9)
    p = text.find(" Co")
    while p >= 0:
        p0, m = p, _COMPANY.match(text, p + 1)
        p = text.find(" Co", p + 3)
        before = text[max(0, p0 - 4):p0] if m is not None else ""
        if not (before.endswith("&") or before.endswith("and") and not before[:-3].isalnum()):
            continue  # ('Brand Co': not the word 'and')
        e = m.end()
        if protected is None:
            if effective_language(text, ctx) != "en":
                return
            protected = protected_spans(text, ctx)
        if protected and overlaps(protected, m.start(), e):
            continue
        # 'Co )' -> 'Co.)': the stop takes the place of a space before the bracket
        gap = 1 if text[e:e + 1] == " " and text[e + 1:e + 2] in ("),;") else 0
        yield Proposal(e, e + gap, ".", "'and Co': the abbreviation's stop; this page lost its full stops", 0.9)


@register("punctuation_spacing", stage="punctuation",
          description="Stray spaces before punctuation and inside brackets: 'Armenia .' -> 'Armenia.', "
                      "\"Azerbaijan 's\" -> \"Azerbaijan's\"")
def fix_punctuation_spacing(text, ctx):
    """Remove spaces OCR put before punctuation, before clitics and inside brackets.

    Decimals, ellipses, URLs and e-mail addresses are untouched, and the space
    before ``; : ! ?`` is kept in French (``lang="fr"``, or text that is plainly
    French) and where the text itself spaces them as a rule (old English
    printing did).

    >>> from ocrclean import clean
    >>> clean("Armenia . Azerbaijan 's ( see map ) 0 .5 wait ... Why ? Because; see: it is so!").text
    "Armenia. Azerbaijan's (see map) 0 .5 wait ... Why? Because; see: it is so!"
    >>> clean("Why ? Because ; see : it is so !").text  # the text's own habit: kept
    'Why ? Because ; see : it is so !'
    >>> clean("Vraiment ? Oui !", lang="fr").text
    'Vraiment ? Oui !'
    """
    if " " not in text and "\t" not in text:
        return
    french = None  # worked out at the first space before ; : ! ?
    protected = None  # computed at the first candidate: most texts have none
    lines = LineCursor(text)
    for m in _spaces_before_marks(text):
        e = m.start(1)
        s = e - 1
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if s == 0 or not _AFTER_WORD.match(text, s - 1):
            continue
        p = m.group(1)
        if p in _SPACE_BEFORE_FR_KEEP:
            if french is None:
                # (a blank stands before this mark: spaces_high_punctuation's
                # first scan, for one, would find it)
                french = effective_language(text, ctx).startswith("fr") or _spaced_at_least_as_often(text)
            if french:
                continue
        if p == "." and text[m.end():m.end() + 2][:1] == " " and text[m.end() + 1:m.end() + 2].islower():
            continue  # "wheat . oats": a speck, not a full stop; leave it for a person
        if protected is None:
            protected = protected_spans(text, ctx)
        if overlaps(protected, s, m.end()):
            continue
        if lines.tabular(s):
            continue
        yield Proposal(s, e, "", f"space before {p!r}", 0.95)
    # Blanks after an opening bracket, and before a clitic: scanned for from
    # the brackets and apostrophes the page holds (one character is found at
    # memchr speed; the two-character strings once looked for first, to spare
    # the scan, cost more than the scan); the protected spans only at a match.
    # (A tab as well as a space, after either bracket: the whitespace fixer
    # makes a tab a space, which a second clean() would then remove.)
    scans = [_OPEN_THEN_BLANKS[b] for b in "([" if b in text]
    for m in finditer_each(scans, text):
        if m.start() > 0 and text[m.start() - 1] not in _BEFORE_OPEN:
            continue  # "f( x": not a bracket that opens a phrase
        s, e = m.span(2)
        if protected is None:
            protected = protected_spans(text, ctx)
        if not overlaps(protected, s, e):
            yield Proposal(s, e, "", f"space after {m.group(1)!r}", 0.9)
    # (a tab as well as a space: the whitespace fixer makes a tab a space,
    # which a second clean() would then remove)
    for s in _clitic_spaces(text):
        e = s + 1
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if s == 0 or not text[s - 1].isalpha():
            continue
        if protected is None:
            protected = protected_spans(text, ctx)
        if not overlaps(protected, s, e):
            yield Proposal(s, e, "", "space before an apostrophe suffix", 0.9)


_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_DOC_START = re.compile(r"\A\s+")
_HSPACE = " \t"


def _hspace_runs(text: str, at_breaks: dict[str, list[int]] | None = None):
    """Every run of spaces and tabs worth a look: two or more characters, a tab,
    or touching a line break.  Found with str.find (C speed), not a regex scan.

    ``at_breaks`` may hold the positions of " \\n" and "\\n " already found
    (see _break_neighbours).
    """
    seen: set[int] = set()
    n = len(text)
    for needle in ("  ", "\t", " \n", "\n "):
        # the find loop below visits every occurrence of the two needles at a
        # line break (a run found from one holds no other), so a list of them
        # all stands in for it
        known = iter(at_breaks[needle]) if at_breaks is not None and needle in at_breaks else None
        pos = text.find(needle) if known is None else next(known, -1)
        while pos >= 0:
            p = pos if needle[0] in _HSPACE else pos + 1
            a = p
            while a > 0 and text[a - 1] in _HSPACE:
                a -= 1
            if a not in seen:
                seen.add(a)
                b = p
                while b < n and text[b] in _HSPACE:
                    b += 1
                yield a, b
            else:
                b = p + 1
            pos = text.find(needle, max(b, pos + 1)) if known is None else next(known, -1)


# After line_unwrap a text has few line breaks.  Then one visit to each break
# (str.find of a single character runs at memchr speed) finds the spaces
# beside them and the signs of a run of blank lines, where a search for each
# two- or three-character string reads the whole text once: six readings,
# most of this fixer's time on a page.  Used when there is at most one break
# per _SPARSE_BREAKS characters.
_SPARSE_BREAKS = 32
# what follows a line break where a run of blank lines may start: the
# pre-check "\n\n\n", "\n \n", "\n\n " (and a tab, tested apart)
_BLANK_RUN_AFTER = frozenset(("\n\n", " \n", "\n "))


def _break_neighbours(text: str) -> tuple[bool, list[int], list[int]]:
    """One visit to each line break: (may a run of blank lines start here,
    the positions of " \\n", the positions of "\\n ").

    >>> _break_neighbours("a \\nb\\n c\\n\\n\\nd")
    (True, [1], [4])
    """
    blank_sign = False
    before: list[int] = []
    after: list[int] = []
    # (only the breaks with a blank beside them, or a line break and a blank
    # or another line break after them, can add anything: a pattern that
    # opens with the line break finds them at C speed, where a Python step
    # for every line break cost more)
    for m in _BREAK_BESIDE_BLANK.finditer(text):
        q = m.start()
        if q and text[q - 1] == " ":
            before.append(q - 1)
        c = text[q + 1:q + 2]  # (one character: Python keeps them, no new string)
        if c == " ":
            after.append(q)
        if not blank_sign and (c == "\t" or ((c == "\n" or c == " ") and text[q + 1:q + 3] in _BLANK_RUN_AFTER)):
            blank_sign = True
    return blank_sign, before, after


# a line break after a space, or before a blank, or before a line break and
# a space or another line break: the breaks _break_neighbours looks at
_BREAK_BESIDE_BLANK = re.compile(r"\n(?:(?<= \n)|(?=[ \t]|\n[\n ]))")


@register("whitespace", stage="punctuation",
          description="Runs of spaces, tabs, trailing and leading spaces, extra blank lines")
def fix_whitespace(text, ctx):
    """Tidy horizontal space and blank lines; table rows keep their columns.

    >>> from ocrclean import clean
    >>> clean("  I thank   you.\\t \\n\\n\\n\\nNext.", preset="layout").text
    'I thank you.\\n\\nNext.'
    """
    if not text:
        return
    n = len(text)
    start_done = 0
    m0 = _DOC_START.match(text)
    if m0 and "\f" not in m0.group():
        yield Proposal(0, m0.end(), "", "blank space at the start of the text", 1.0)
        start_done = m0.end()
    end_from = n
    if text[-1].isspace():
        # The trailing blank run, found with rstrip (the same characters as the
        # regex \s): a regex search for it tries every blank of the last 10 000
        # characters, which cost more than the rest of this fixer on a page.
        tail_start = max(len(text.rstrip()), start_done, n - 10_000)
        tail = text[tail_start:]
        if tail and "\f" not in tail:
            end_from = tail_start
            repl = "\n" if "\n" in tail else ""
            if tail != repl:
                yield Proposal(tail_start, n, repl, "blank space at the end of the text", 1.0)

    if text.count("\n") * _SPARSE_BREAKS <= n:
        blank_sign, before_break, after_break = _break_neighbours(text)
        if not (blank_sign or before_break or after_break or "\t" in text or "  " in text):
            return  # no blank beside a line break, no run of blanks: nothing to tidy
        at_breaks = {" \n": before_break, "\n ": after_break}
    else:
        blank_sign = "\n\n\n" in text or "\n \n" in text or "\n\t" in text or "\n\n " in text
        at_breaks = None

    blank_runs: list[tuple[int, int]] = []
    if blank_sign:
        for m in _BLANK_RUN.finditer(text, start_done, end_from):
            if "\f" not in m.group():
                blank_runs.append(m.span())
                yield Proposal(m.start(), m.end(), "\n\n", "blank lines", 1.0)
    in_blank = set()
    for a, b in blank_runs:
        in_blank.update(range(a, b))

    tabular_at = LineCursor(text).tabular

    for a, b in _hspace_runs(text, at_breaks):
        if a < start_done or b > end_from or a in in_blank:
            continue
        before = text[a - 1] if a > 0 else "\n"
        after = text[b] if b < n else "\n"
        if after == "\n":
            if before == "\n":
                yield Proposal(a, b, "", "spaces on a blank line", 1.0)
            else:
                yield Proposal(a, b, "", "trailing space", 1.0)
        elif before == "\n":
            if after != "\f" and not tabular_at(b):
                yield Proposal(a, b, "", "space at the start of a line", 0.95)
        elif (b - a >= 2 or text[a] == "\t") and not before.isspace() and not after.isspace():
            if not tabular_at(a):
                yield Proposal(a, b, " ", "run of spaces" if "\t" not in text[a:b] else "tab", 0.95)
