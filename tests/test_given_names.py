"""Garbled common given names: which are mended, which names and words must stay."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocrclean
from ocrclean.errormodel import default_model
from ocrclean.fixers.words import looks_english
from ocrclean.given_names import given_name_reading, given_names
from ocrclean.lexicon import english_lexicon


def words_only(text):
    """The word stage alone, default preset."""
    return ocrclean.Pipeline("default", only=("word_split_merge", "word_correction")).clean(text)


def test_the_list_is_a_few_hundred_lower_case_given_names_and_no_surnames():
    names = given_names()
    assert 500 <= len(names) <= 2000
    assert all(n == n.lower() and n.isalpha() for n in names)
    assert {"james", "edward", "joseph", "mary", "ethel", "wm", "thos"} <= names
    assert not {"smith", "jones", "jamieson", "edwards", "charlton", "harnett"} & names


# (token as printed, the name it is read as) -- one or two cheap confusions
READINGS = [
    ("Fdward", "Edward"),     # F/E: the lower bar of E lost
    ("Toseph", "Joseph"),     # T/J
    ("Ilarry", "Harry"),      # Il/H: the two stems of H read apart
    ("ltobert", "Robert"),    # lt/R
    ("Charlea", "Charles"),   # a/s
    ("Jamca", "James"),       # c/e and a/s
    ("Jolin", "John"),        # li/h
    ("Heury", "Henry"),       # u/n
    ("Phillp", "Philip"),     # l/i
    ("Llojd", "Lloyd"),       # j/y
    ("VVilliam", "William"),  # VV/W
    ("Gilbort", "Gilbert"),   # o/e
]


@pytest.mark.parametrize("token, name", READINGS)
def test_a_garbled_given_name_is_read_as_its_name(token, name):
    assert given_name_reading(token, default_model())[0] == name


@pytest.mark.parametrize("token", [
    "Jamieson", "Charlton", "Edwards", "Harnett",  # surnames near a given name
    "James", "Tessie", "Jamie",                     # names themselves
    "Jno", "Rov",                                    # too short to judge
    "Qwzyx", "Mdxltp",                               # near no name
    "Frlc",                                          # four letters, two confusions: needs a strong context
])
def test_no_reading_for_names_surnames_short_or_distant_tokens(token):
    assert given_name_reading(token, default_model()) is None


def test_a_four_letter_token_two_confusions_away_needs_a_strong_context():
    assert given_name_reading("Frlc", default_model(), strong=True)[0] == "Eric"


# (text, expected): synthetic lists, bylines and notices
MENDED = [
    ("The following were wounded: Pte. Fdward Hill, of Ryde.",
     "The following were wounded: Pte. Edward Hill, of Ryde."),
    ("Among those present were Sgt Toseph Brown and his wife.",
     "Among those present were Sgt Joseph Brown and his wife."),
    ("The jurors were Ilarry Walsh, Owen Price and Charlea Dunn.",
     "The jurors were Harry Walsh, Owen Price and Charles Dunn."),
    ("Passengers by the mail steamer: ltobert Bates, Mrs Bates.",
     "Passengers by the mail steamer: Robert Bates, Mrs Bates."),
    ("Promoted to corporal: Dvr Frnest Pollard.",      # not 'Finest': a rank before it
     "Promoted to corporal: Dvr Ernest Pollard."),
    ("Killed in action: Pte Frlc Edmund Dray.",         # a rank before it and a name after it
     "Killed in action: Pte Eric Edmund Dray."),
    ("The estate of the late\nVVilliam Stewart was sold.",
     "The estate of the late\nWilliam Stewart was sold."),
    ("Signed by Tohn\nMatthews, secretary.",             # the surname on the next line
     "Signed by John\nMatthews, secretary."),
]


@pytest.mark.parametrize("raw, expected", MENDED)
def test_garbled_given_names_are_mended_where_a_name_stands(raw, expected):
    r = words_only(raw)
    assert r.text == expected
    assert any("given name" in e.reason or "not a word" in e.reason for e in r.edits)


UNCHANGED = [
    "Evidence was given by Mr Jamieson and Mr Charlton.",  # surnames
    "The Edwards Hill road was closed.",
    "The witness Tohn said nothing at all.",               # no capitalised word after it
    "Pte. Harnett Smith was wounded.",                     # a surname one n/ri from Harriett
    "Geo Charlea Gnr Smith and others.",                   # before a rank: the end of a name
    "The jurors were Frlc Smith and Owen Price.",         # four letters, weak context
    "Present: Tessie Brown, Jamie Hill, Wm Thos Jones.",   # listed names and abbreviations
    "He lent it to Mdxltp Brown last week.",               # near no name
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_surnames_names_and_weak_contexts_stay(text):
    r = words_only(text)
    assert not [e for e in r.edits if "given name" in e.reason], r.edits


def test_no_given_name_is_mended_on_an_early_modern_page():
    # 'Iohn' and 'Iames' are the spellings of their day, not misreadings
    page = ("Then hee went vnto the towne, and thou hast heard how the goodman said that hee would goe with "
            "him. And when they came to the house, the wife did bid them sit downe, and shee brought them "
            "bread and drinke, for shee was a good woman. Witnesse hereof Iohn Smyth and Iames Whyte, "
            "and the fryer said that the water of the river was deepe, and that they must goe over it.")
    assert words_only(page).text == page


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(given_names())),
                          st.sampled_from(["Smith", "Jamieson", "Harnett", "Charlton", "Lovcridge",
                                           "Smyth", "Coveny", "Beckwith", "Mulhall", "Treloar"])),
                min_size=1, max_size=6),
       st.sampled_from([", ", " ", "\n"]))
def test_a_correct_list_of_names_is_never_changed_by_the_name_rule(people, sep):
    # do no harm: given names followed by surnames, as a newspaper list prints them
    # (with its commas, or with them lost, so that a surname stands before a name too)
    text = "The following were present: " + sep.join(
        f"{first.capitalize()} {last}" for first, last in people) + "."
    assert not [e for e in words_only(text).edits if "given name" in e.reason]


def test_a_list_of_english_names_is_english_though_it_has_few_function_words():
    # a casualty list: ranks, given names, surnames, hardly any 'the' or 'and'
    people = ("Pte John Hill, Pte William Tracy, Cpl George Bell, Gnr Alfred Moss, Pte Henry Vane, "
              "Sgt Robert Lyle, Pte Thomas Crane, Spr Arthur Dunn, Pte Walter Kemp, Dvr James Rudd, "
              "Pte Ernest Pole, Cpl Frederick Ames, Pte Norman Reid, Pte Harold Pike")
    counts = Counter(w.strip(",").lower() for w in people.split())
    assert looks_english(counts, english_lexicon())


def test_a_french_list_of_names_is_not_taken_for_english():
    people = ("Jean Dupont, Louis Martin, Marie Lefevre, Paul Girard, Joseph Moreau, Charles Blanc, "
              "Albert Roux, Victor Fournier, Jean Mercier, Louis Garnier, Marie Faure, Paul Andre, "
              "et le sergent de la compagnie")
    counts = Counter(w.strip(",").lower() for w in people.split())
    assert not looks_english(counts, english_lexicon())
