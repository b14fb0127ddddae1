"""The OCR error model: how likely an engine is to print one string for another.

A model is a table of weighted, possibly multi-character confusions (``rn`` for
``m``, ``tb`` for ``th``, ``o`` for ``e``, ``U`` for ``ll`` ...) plus default
costs for a plain substitution, insertion or deletion.  Costs are in nats
(-ln of a probability): lower is more likely.  The bundled table is
``ocrclean/data/confusions.tsv``; :func:`learn_pairs` estimates one from OCR and
ground-truth pairs, and :meth:`ErrorModel.save` / :meth:`ErrorModel.load` keep it
as JSON.

>>> m = default_model()
>>> m.distance("tbe", "the") < m.distance("tse", "the")
True
>>> round(m.distance("the", "the"), 1)
0.0
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

__all__ = [
    "ErrorModel",
    "ErrorModelError",
    "default_model",
    "load_model",
    "learn_pairs",
    "learn_from_dir",
    "read_pairs",
]

FORMAT = "ocrclean-errormodel"
VERSION = 1
TABLE_FILE = "confusions.tsv"
#: the longest confusion string considered (either side)
MAX_SPAN = 3
_DEFAULTS = {"substitution": 5.0, "insertion": 5.5, "deletion": 5.5, "case": 1.5}


class ErrorModelError(ValueError):
    """A confusion table or model file that is missing or malformed."""


class ErrorModel:
    """Weighted OCR confusions and the weighted edit distance they imply.

    ``confusions`` maps ``(ocr, truth)`` to a cost in nats.  ``distance(ocr,
    truth)`` is the cheapest way to explain the OCR string as a misreading of the
    true one; ``expansions(token)`` lists the strings a token may be a misreading
    of, using listed confusions only.
    """

    def __init__(self, confusions: dict[tuple[str, str], float] | None = None, *,
                 substitution: float = 5.0, insertion: float = 5.5, deletion: float = 5.5,
                 case: float = 1.5, source: str = "<memory>"):
        self.confusions: dict[tuple[str, str], float] = dict(confusions or {})
        self.substitution = float(substitution)
        self.insertion = float(insertion)
        self.deletion = float(deletion)
        self.case = float(case)
        self.source = source
        by_ocr: dict[str, list[tuple[str, float]]] = {}
        for (o, t), c in self.confusions.items():
            if not o or not t or len(o) > MAX_SPAN or len(t) > MAX_SPAN:
                raise ErrorModelError(f"{source}: confusion {o!r} -> {t!r} must be 1 to {MAX_SPAN} characters each side")
            if not (isinstance(c, (int, float)) and math.isfinite(c) and c >= 0):
                raise ErrorModelError(f"{source}: cost of {o!r} -> {t!r} must be a number >= 0, not {c!r}")
            by_ocr.setdefault(o, []).append((t, float(c)))
        for lst in by_ocr.values():
            lst.sort(key=lambda tc: tc[1])
        self._by_ocr = by_ocr
        # first character of an OCR side -> (ocr side, its length, its list), shortest
        # first: one look-up per position instead of one slice and look-up per length
        by_first: dict[str, list[tuple[str, int, list[tuple[str, float]]]]] = {}
        for o in sorted(by_ocr, key=len):
            by_first.setdefault(o[0], []).append((o, len(o), by_ocr[o]))
        self._by_first = {ch: tuple(opts) for ch, opts in by_first.items()}
        #: first character of an OCR side -> the cheapest confusion starting with it
        self._min_first = {ch: min(lst[0][1] for _, _, lst in opts) for ch, opts in by_first.items()}
        self._distance = functools.lru_cache(maxsize=200_000)(self._distance_uncached)
        self._expansions = functools.lru_cache(maxsize=50_000)(self._expansions_uncached)

    def __repr__(self) -> str:
        return f"ErrorModel({len(self.confusions)} confusions from {self.source})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, ErrorModel):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def cost(self, ocr: str, truth: str) -> float | None:
        """The listed cost of one confusion, or ``None``."""
        return self.confusions.get((ocr, truth))

    # -- distance ----------------------------------------------------------
    def distance(self, ocr: str, truth: str) -> float:
        """Weighted edit distance (nats) from the true string to what OCR printed.

        >>> m = default_model()
        >>> m.distance("tlio", "the") < m.substitution * 2
        True
        """
        return self._distance(ocr, truth)

    def _distance_uncached(self, s: str, w: str) -> float:
        n, m = len(s), len(w)
        ins, dele, sub, case = self.insertion, self.deletion, self.substitution, self.case
        by_ocr = self._by_ocr
        prev = [j * dele for j in range(m + 1)]
        rows = [prev]
        for i in range(1, n + 1):
            cur = [i * ins] + [0.0] * m
            si = s[i - 1]
            # confusions whose OCR side ends at i
            ends = []
            for L in range(1, min(MAX_SPAN, i) + 1):
                lst = by_ocr.get(s[i - L:i])
                if lst:
                    ends.append((L, lst))
            for j in range(1, m + 1):
                wj = w[j - 1]
                if si == wj:
                    best = prev[j - 1]
                elif si.lower() == wj.lower():
                    best = prev[j - 1] + case
                else:
                    best = prev[j - 1] + sub
                c = prev[j] + ins
                if c < best:
                    best = c
                c = cur[j - 1] + dele
                if c < best:
                    best = c
                for L, lst in ends:
                    row = rows[i - L]
                    for t, cc in lst:
                        lt = len(t)
                        if lt <= j and w[j - lt:j] == t:
                            c = row[j - lt] + cc
                            if c < best:
                                best = c
                cur[j] = best
            rows.append(cur)
            prev = cur
        return prev[m]

    # -- candidate generation ------------------------------------------------
    def expansions(self, token: str, *, max_steps: int = 2, max_cost: float = 4.0) -> dict[str, float]:
        """Strings ``token`` may be a misreading of, by listed confusions only.

        Returns ``{truth: cost}`` (the token itself is not included).

        >>> e = default_model().expansions("tlio")
        >>> "the" in e
        True
        """
        return self._expansions(token, max_steps, max_cost)

    def _expansions_uncached(self, token: str, max_steps: int, max_cost: float) -> dict[str, float]:
        best: dict[str, float] = {token: 0.0}
        frontier = {token: 0.0}
        by_first, min_first = self._by_first, self._min_first
        for _ in range(max_steps):
            nxt: dict[str, float] = {}
            for s, base in frontier.items():
                for i in range(len(s)):
                    cheapest = min_first.get(s[i])
                    if cheapest is None or base + cheapest > max_cost:
                        continue
                    for o, L, lst in by_first[s[i]]:
                        if not s.startswith(o, i):
                            continue
                        for t, c in lst:
                            total = base + c
                            if total > max_cost:
                                break
                            cand = s[:i] + t + s[i + L:]
                            if total < best.get(cand, math.inf):
                                best[cand] = total
                                nxt[cand] = total
            if not nxt:
                break
            frontier = nxt
        del best[token]
        return best

    def words_within(self, token: str, is_prefix, is_word, *, max_steps: int = 3,
                     max_cost: float = 6.5) -> dict[str, float]:
        """Words that listed confusions turn ``token`` into: :meth:`expansions`
        narrowed to strings ``is_word`` accepts (it and ``is_prefix`` get lower-case
        strings).  Confusions are applied left to right (each at or after the start
        of the one before), so the part before the last one is settled; a settled
        beginning that begins no word (``is_prefix`` says no) ends that branch at
        once, which keeps three-step searches over garbled tokens cheap.
        ``is_prefix`` must hold for every beginning of a string it holds for (as
        "begins some word" does): it is asked only where a confusion could start.

        >>> m = default_model()
        >>> words = {"the", "then"}
        >>> found = m.words_within("tlio", lambda p: any(w.startswith(p) for w in words), words.__contains__)
        >>> {w: round(c, 2) for w, c in found.items()}
        {'the': 2.6}
        """
        by_first, min_first = self._by_first, self._min_first
        found: dict[str, float] = {}
        # string -> (cost, where the next confusion may start)
        frontier: dict[str, tuple[float, int]] = {token: (0.0, 0)}
        for step in range(max_steps):
            # the last step's strings are kept only if they are words: no frontier
            last = step == max_steps - 1
            nxt: dict[str, tuple[float, int]] = {}
            for s, (base, start) in frontier.items():
                n = len(s)
                # an ASCII string lowers character by character: lowered once, its
                # beginnings are asked about only where a confusion affordable from
                # this cost starts (what begins no word has no longer beginning that does)
                low = s.lower() if s.isascii() else None
                for i in range(start, n):
                    if low is not None:
                        cheapest = min_first.get(s[i])
                        if cheapest is None or base + cheapest > max_cost:
                            continue
                        if i > start and not is_prefix(low[:i]):
                            break  # nothing to the right can mend what is settled on the left
                    elif i > start and not is_prefix(s[:i].lower()):
                        break
                    opts = by_first.get(s[i])
                    if opts is None:
                        continue
                    head = s[:i]
                    # the next confusion may start inside this one's output
                    # (b read as h read as n: chains), never to its left
                    nstart = i - MAX_SPAN + 1 if i >= MAX_SPAN else 0
                    for o, L, lst in opts:
                        # (a one-character side is s[i] itself; the cheapest first)
                        if L > 1 and not s.startswith(o, i) or base + lst[0][1] > max_cost:
                            continue
                        tail = s[i + L:]
                        for t, c in lst:
                            total = base + c
                            if total > max_cost:
                                break
                            cand = head + t + tail
                            # (in an ASCII string what comes before nstart is a beginning
                            # of what is asked about above, so it begins a word)
                            if last:
                                if not is_word(cand.lower()) or (
                                        nstart and low is None and not is_prefix(cand[:nstart].lower())):
                                    continue
                            elif nstart and low is None and not is_prefix(cand[:nstart].lower()):
                                continue
                            else:
                                old = nxt.get(cand)
                                if old is None:
                                    nxt[cand] = (total, nstart)
                                elif total < old[0] or nstart < old[1]:
                                    # keep the cheaper cost and the earlier start (a slight
                                    # over-estimate of what is reachable; costs are recomputed)
                                    nxt[cand] = (min(total, old[0]), min(nstart, old[1]))
                            if total < found.get(cand, math.inf):
                                found[cand] = total
            if not nxt:
                break
            frontier = nxt
        return {w: c for w, c in found.items() if w != token and is_word(w.lower())}

    # -- persistence -----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "defaults": {"substitution": self.substitution, "insertion": self.insertion,
                         "deletion": self.deletion, "case": self.case},
            "confusions": [{"ocr": o, "truth": t, "cost": round(c, 4)}
                           for (o, t), c in sorted(self.confusions.items(), key=lambda kv: (kv[1], kv[0]))],
        }

    def save(self, path: str | os.PathLike) -> None:
        """Write the model as JSON (atomically: a temporary file, then a rename)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, path)

    @classmethod
    def from_dict(cls, data: dict, source: str = "<dict>") -> "ErrorModel":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ErrorModelError(f"{source}: not an ocrclean error model (expected \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise ErrorModelError(f"{source}: unsupported model version {data.get('version')!r} (expected {VERSION})")
        defaults = dict(_DEFAULTS)
        d = data.get("defaults", {})
        if not isinstance(d, dict):
            raise ErrorModelError(f"{source}: \"defaults\" must be an object")
        for k, v in d.items():
            if k not in _DEFAULTS:
                raise ErrorModelError(f"{source}: unknown default {k!r}; known: {', '.join(_DEFAULTS)}")
            if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise ErrorModelError(f"{source}: default {k!r} must be a number >= 0, not {v!r}")
            defaults[k] = float(v)
        conf: dict[tuple[str, str], float] = {}
        rows = data.get("confusions", [])
        if not isinstance(rows, list):
            raise ErrorModelError(f"{source}: \"confusions\" must be a list")
        for n, row in enumerate(rows):
            try:
                conf[(row["ocr"], row["truth"])] = row["cost"]
            except (KeyError, TypeError):
                raise ErrorModelError(f"{source}: confusion #{n} needs \"ocr\", \"truth\" and \"cost\"") from None
            if not isinstance(row["ocr"], str) or not isinstance(row["truth"], str):
                raise ErrorModelError(f"{source}: confusion #{n}: \"ocr\" and \"truth\" must be strings")
        return cls(conf, source=source, **defaults)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "ErrorModel":
        """Read a model saved by :meth:`save` (JSON) or a table like ``confusions.tsv``."""
        name = os.fspath(path)
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as exc:
            raise ErrorModelError(f"cannot read error model {name!r}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ErrorModelError(f"{name}: not a UTF-8 text file") from None
        if name.endswith(".tsv"):
            return parse_table(text, name)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ErrorModelError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        return cls.from_dict(data, name)


def parse_table(text: str, source: str) -> ErrorModel:
    """Parse the TSV table format of ``data/confusions.tsv``."""
    defaults = dict(_DEFAULTS)
    conf: dict[tuple[str, str], float] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("# @default"):
            parts = line[2:].split("\t")
            if len(parts) != 3 or parts[1] not in _DEFAULTS:
                raise ErrorModelError(f"{source}:{n}: bad default line {line!r}")
            try:
                defaults[parts[1]] = float(parts[2])
            except ValueError:
                raise ErrorModelError(f"{source}:{n}: cost {parts[2]!r} is not a number") from None
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ErrorModelError(f"{source}:{n}: expected 'ocr<TAB>truth<TAB>cost', got {line!r}")
        if parts[0] == "ocr" and parts[1] == "truth":
            continue
        try:
            cost = float(parts[2])
        except ValueError:
            raise ErrorModelError(f"{source}:{n}: cost {parts[2]!r} is not a number") from None
        conf[(parts[0], parts[1])] = cost
    try:
        return ErrorModel(conf, source=source, **defaults)
    except ErrorModelError as exc:
        raise ErrorModelError(str(exc)) from None


@functools.lru_cache(maxsize=1)
def default_model() -> ErrorModel:
    """The bundled table (``ocrclean/data/confusions.tsv``), read once."""
    ref = resources.files("ocrclean").joinpath("data", TABLE_FILE)
    return parse_table(ref.read_text(encoding="utf-8"), f"ocrclean/data/{TABLE_FILE}")


_LOADED: dict[tuple, ErrorModel] = {}


def load_model(model) -> ErrorModel:
    """``None`` -> the bundled model; an :class:`ErrorModel` as is; a path -> loaded once per file version."""
    if model is None:
        return default_model()
    if isinstance(model, ErrorModel):
        return model
    name = os.fspath(model)
    try:
        st = os.stat(name)
        key = (name, st.st_mtime_ns, st.st_size)
    except OSError as exc:
        raise ErrorModelError(f"cannot read error model {name!r}: {exc.strerror or exc}") from None
    hit = _LOADED.get(key)
    if hit is None:
        hit = ErrorModel.load(name)
        if len(_LOADED) > 16:
            _LOADED.clear()
        _LOADED[key] = hit
    return hit


# -- learning ------------------------------------------------------------------

def _align_chars(a: str, b: str) -> list[tuple[str, str]]:
    """Unit-cost Levenshtein alignment of ``a`` (OCR) and ``b`` (truth) as
    (ocr, truth) segments of differing characters, adjacent differences merged."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j - 1] + (a[i - 1] != b[j - 1]), d[i - 1][j] + 1, d[i][j - 1] + 1)
    i, j = n, m
    ops: list[tuple[str, str, bool]] = []
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            ops.append((a[i - 1], b[j - 1], a[i - 1] == b[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            ops.append((a[i - 1], "", False))
            i -= 1
        else:
            ops.append(("", b[j - 1], False))
            j -= 1
    ops.reverse()
    segs: list[tuple[str, str]] = []
    cur_o = cur_t = ""
    for o, t, same in ops + [("", "", True)]:
        if same:
            if cur_o or cur_t:
                segs.append((cur_o, cur_t))
            cur_o = cur_t = ""
        else:
            cur_o += o
            cur_t += t
    return segs


def _word_pairs(ocr: str, gt: str) -> Iterator[tuple[str, str]]:
    """Aligned (OCR word, true word) pairs, equal ones included."""
    a, b = ocr.split(), gt.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                yield a[i1 + k], b[j1 + k]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                yield a[i1 + k], b[j1 + k]


def learn_pairs(pairs: Iterable[tuple[str, str]], *, base: ErrorModel | None = None,
                min_count: int = 2) -> ErrorModel:
    """Estimate confusion costs from ``(ocr_text, ground_truth_text)`` pairs.

    Words are aligned, then the characters of each misread word; every
    differing segment of up to three characters a side is a confusion, and its
    cost is ``-ln(count / occurrences of the true segment)``.  Confusions seen
    fewer than ``min_count`` times keep the base model's cost (the bundled table
    by default), so a few pages adapt the model without forgetting it.

    >>> m = learn_pairs([("tbe cat sat on tbe mat", "the cat sat on the mat")] * 2)
    >>> m.cost("b", "h") < default_model().cost("b", "h")
    True
    """
    base = default_model() if base is None else base
    counts: Counter = Counter()
    gt_words: list[str] = []
    for ocr, gt in pairs:
        if not isinstance(ocr, str) or not isinstance(gt, str):
            raise TypeError("learn_pairs() expects (ocr_text, ground_truth_text) pairs of str")
        for o, g in _word_pairs(ocr, gt):
            gt_words.append(g)
            if o == g or len(o) > 40 or len(g) > 40:
                continue
            if difflib.SequenceMatcher(None, o, g).ratio() < 0.5:
                continue
            for so, st in _align_chars(o, g):
                if so and st and len(so) <= MAX_SPAN and len(st) <= MAX_SPAN:
                    counts[(so, st)] += 1
    joined = " ".join(gt_words)
    occ_cache: dict[str, int] = {}
    conf = dict(base.confusions)
    for (so, st), n in counts.items():
        if n < min_count:
            continue
        occ = occ_cache.get(st)
        if occ is None:
            occ = occ_cache[st] = joined.count(st)
        p = n / (max(occ, n) + 1)
        conf[(so, st)] = round(min(max(-math.log(p), 0.2), base.substitution), 4)
    return ErrorModel(conf, substitution=base.substitution, insertion=base.insertion,
                      deletion=base.deletion, case=base.case, source="learned")


def read_pairs(path: str | os.PathLike) -> list[tuple[str, str]]:
    """Read ``NAME.ocr.txt`` / ``NAME.gt.txt`` pairs from a folder (recursively)."""
    root = Path(path)
    if not root.is_dir():
        raise ErrorModelError(f"{os.fspath(path)!r} is not a folder of NAME.ocr.txt / NAME.gt.txt pairs")
    out = []
    for ocr_file in sorted(root.rglob("*.ocr.txt")):
        gt_file = ocr_file.with_name(ocr_file.name[: -len(".ocr.txt")] + ".gt.txt")
        if not gt_file.is_file():
            continue
        try:
            out.append((ocr_file.read_text(encoding="utf-8"), gt_file.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            raise ErrorModelError(f"{ocr_file} or {gt_file}: not UTF-8 text") from None
    if not out:
        raise ErrorModelError(f"{os.fspath(path)!r} holds no NAME.ocr.txt / NAME.gt.txt pairs")
    return out


def learn_from_dir(path: str | os.PathLike, **kwargs) -> ErrorModel:
    """:func:`learn_pairs` over the pairs in a folder (see :func:`read_pairs`)."""
    model = learn_pairs(read_pairs(path), **kwargs)
    model.source = f"learned from {os.fspath(path)}"
    return model
