"""Common given names, and the OCR misreadings that garble them.

Surnames are an open set: a capitalised word the lexicon lacks is most often a
correct surname and the word stage leaves it.  Given names are a small closed
set (``ocrclean/data/given_names.txt``, a few hundred names written by hand), so
a capitalised non-word one or two cheap OCR confusions from one of them, where
a name stands (after a title or rank, next to another capitalised word), is
almost surely that name: ``Jamca`` -> ``James``, ``Fdward`` -> ``Edward``,
``Toseph`` -> ``Joseph``.  :func:`given_name_reading` finds that name, or says
there is no single cheap one.

The channel cost is the run's error model, plus a few misreadings of capital
letters that only matter at the start of a name (``F`` for ``E``, ``T`` for
``J``, ``Il`` for ``H``, ``lt`` for ``R``): the word corrector reads words in
lower case and never needs them.
"""

from __future__ import annotations

import functools
from importlib import resources

from .errormodel import ErrorModel

__all__ = ["CAPITAL_CONFUSIONS", "NAME_TITLES", "given_name_reading", "given_names", "name_model"]

NAMES_FILE = "given_names.txt"

#: misreadings of a capital letter (OCR side, true side, cost in nats)
CAPITAL_CONFUSIONS: dict[tuple[str, str], float] = {
    ("F", "E"): 1.5,    # an E whose lower bar is lost: 'Fdward'
    ("T", "J"): 2.0,    # the hook of J read as the bar of T: 'Toseph'
    ("I", "J"): 2.2,    # ... or lost: 'Iohn'
    ("l", "J"): 2.5,    # ... and read as a lower-case l: 'lames'
    ("I", "E"): 2.5,    # an E with its arms faded: 'Idward'
    ("Il", "H"): 1.8,   # the two stems of H read apart: 'Ilarry'
    ("lI", "H"): 2.0,
    ("II", "H"): 2.0,
    ("lt", "R"): 2.0,   # the stem and leg of R read apart: 'ltobert'
    ("It", "R"): 2.0,
    ("K", "R"): 2.5,    # the bowl of R broken: 'Kuth'
    ("l", "I"): 1.5,    # the capital I read as a lower-case l: 'lvy'
}

#: titles and ranks before a given name (lower case, without a full stop)
NAME_TITLES = frozenset(
    "mr mrs miss ms master messrs mme mlle madame sir lady dame lord dr rev revd prof hon "
    "pte pte ptes private sgt sergt serjt sergeant cpl corpl corporal lcpl bdr bombardier gnr gunner "
    "spr sapper dvr driver tpr trooper sig signaller pnr pioneer cfn smn stoker seaman "
    "lieut lt lieutenant capt captain maj major col colonel gen general brig adm admiral "
    "sister nurse brother father mother aunt uncle cousin widow "
    "fr sr st saint".split())

# the costliest reading taken, by the length of the token
_MAX_COST_LONG = 4.2   # five letters or more: two cheap confusions ('Jamca': c/e, a/s)
_MAX_COST_SHORT = 2.6  # four letters: one (two where the context is strong)
_MIN_LEN = 4
_LEAD = 1.5            # the name must lead every other name by this much


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The bundled given names, in lower case.

    >>> {"james", "edward", "mary"} <= given_names(), "smith" in given_names()
    (True, False)
    """
    ref = resources.files("ocrclean").joinpath("data", NAMES_FILE)
    names = set()
    for line in ref.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            names.add(word.lower())
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def _name_prefixes() -> frozenset[str]:
    return frozenset(n[:k] for n in given_names() for k in range(len(n) + 1))


_MODELS: dict[int, tuple[ErrorModel, ErrorModel]] = {}


def name_model(base: ErrorModel) -> ErrorModel:
    """``base`` with :data:`CAPITAL_CONFUSIONS` added (a listed confusion of
    ``base`` keeps its cost)."""
    hit = _MODELS.get(id(base))
    if hit is None or hit[0] is not base:
        # (not a letter read for two, 'n' for 'ri': a surname's own letters, 'Harnett')
        confusions = {**CAPITAL_CONFUSIONS, **{(o, t): c for (o, t), c in base.confusions.items()
                                               if not (len(o) == 1 and len(t) > 1)}}
        model = ErrorModel(confusions, substitution=base.substitution, insertion=base.insertion,
                           deletion=base.deletion, case=base.case, source=base.source + " + capitals")
        if len(_MODELS) > 8:
            _MODELS.clear()
        hit = _MODELS[id(base)] = (base, model)
    return hit[1]


_READINGS: dict[tuple[int, str], tuple[str, float] | None] = {}


def given_name_reading(token: str, model: ErrorModel, strong: bool = False) -> tuple[str, float] | None:
    """The given name ``token`` (as written) is a cheap misreading of, with the
    channel cost in nats, or ``None``: the token is a name itself, shorter than
    four letters, too far from every name, or about as near to two.  A token of
    four letters may be one cheap confusion away, or two where the context is
    ``strong`` (a title before it, a given name beside it: 'Pte Frlc Edmund').

    >>> from ocrclean.errormodel import default_model
    >>> m = default_model()
    >>> [given_name_reading(t, m) for t in ("Jamca", "Fdward", "Ilarry")]
    [('James', 4.1), ('Edward', 1.5), ('Harry', 1.8)]
    >>> [given_name_reading(t, m) for t in ("Jamieson", "Edwards", "James", "Jno", "Frlc")]
    [None, None, None, None, None]
    >>> given_name_reading("Frlc", m, strong=True)
    ('Eric', 3.0)
    """
    ck = (id(model), token)
    best = _READINGS.get(ck, False)
    if best is False:
        best = _best_name(token, model)
        if len(_READINGS) > 100_000:
            _READINGS.clear()
        _READINGS[ck] = best
    if best is None or best[1] > (_MAX_COST_LONG if len(token) >= 5 or strong else _MAX_COST_SHORT):
        return None
    return best


def _best_name(token: str, model: ErrorModel) -> tuple[str, float] | None:
    """The nearest given name within ``_MAX_COST_LONG`` that leads every other by ``_LEAD``."""
    names = given_names()
    if len(token) < _MIN_LEN or not token.isalpha() or token.lower() in names:
        return None
    found = name_model(model).words_within(token, _name_prefixes().__contains__, names.__contains__,
                                            max_steps=3, max_cost=_MAX_COST_LONG + _LEAD)
    ranked = sorted((cost, cand.lower()) for cand, cost in found.items())
    if not ranked:
        return None
    cost, name = ranked[0]
    rival = next((c for c, n in ranked[1:] if n != name), None)
    if cost > _MAX_COST_LONG or rival is not None and rival - cost < _LEAD:
        return None
    return name.capitalize(), round(cost, 3)
