"""Restaurant aspect lexicons for the SemEval-2014 and MAMS benchmarks.

Built only through reviewkit's public API (`reviewkit.AspectLexicon.from_dict`).
The terms were written by hand from general knowledge of how people write
about restaurants, then checked against the aspect terms of the TRAIN splits
(SemEval-2014 ``Restaurants_Train_v2.xml``, MAMS ``ATSA/train.xml`` with
``ACSA/train.xml``); no test split was looked at.

The two datasets cut the domain differently, so there are two lexicons built
from one shared vocabulary:

- SemEval-2014 (``food``, ``service``, ``price``, ``ambience``,
  ``anecdotes/miscellaneous``): staff belong to ``service``, the menu to
  ``food``, the room and the location to ``ambience``; "dinner" and "lunch"
  are mostly anecdotes.
- MAMS ACSA (``food``, ``service``, ``staff``, ``price``, ``ambience``,
  ``menu``, ``place``, ``miscellaneous``): waiters are ``staff``, ``service``
  is the act (the wait, delivery), the room is ``place``, meals ("dinner")
  are ``food``, and reservations, tables and portions are ``miscellaneous``.

Aspect ids must be identifiers, so the SemEval category
``anecdotes/miscellaneous`` is the aspect ``miscellaneous``
(see `SEMEVAL_CATEGORY_TO_ASPECT`). The evaluation scores ``miscellaneous`` with
the sentence score, so its terms only keep generic words away from the other
aspects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType

from reviewkit import AspectLexicon, SentimentLexicon

__all__ = [
    "MAMS_CATEGORY_TO_ASPECT",
    "SEMEVAL_CATEGORY_TO_ASPECT",
    "mams_lexicon",
    "restaurant_lexicon",
    "semeval_lexicon",
]

# -- the shared vocabulary, in fine-grained groups --

#: Dishes, drinks and how they taste.
_FOOD: tuple[str, ...] = (
    "food",
    "dish",
    "meal",
    "cuisine",
    "course",
    "main course",
    "appetizer",
    "starter",
    "entree",
    "entrée",
    "dessert",
    "side dish",
    "pizza",
    "slice",
    "crust",
    "topping",
    "pasta",
    "noodle",
    "ravioli",
    "gnocchi",
    "rice",
    "fried rice",
    "risotto",
    "soup",
    "salad",
    "bread",
    "bagel",
    "sandwich",
    "burger",
    "fries",
    "steak",
    "meat",
    "beef",
    "pork",
    "lamb",
    "veal",
    "duck",
    "chicken",
    "fish",
    "seafood",
    "salmon",
    "tuna",
    "lobster",
    "shrimp",
    "crab",
    "scallop",
    "mussels",
    "oyster",
    "calamari",
    "sushi",
    "sashimi",
    "dim sum",
    "dumpling",
    "tapas",
    "pad thai",
    "curry",
    "naan",
    "cheese",
    "egg",
    "vegetable",
    "sauce",
    "gravy",
    "cake",
    "cheesecake",
    "tiramisu",
    "chocolate",
    "ice cream",
    "pastry",
    "drink",
    "beverage",
    "wine",
    "beer",
    "cocktail",
    "martini",
    "margarita",
    "sangria",
    "sake",
    "coffee",
    "espresso",
    "tea",
    "juice",
    "taste",
    "flavor",
    "flavour",
    "ingredient",
    "seasoning",
    "spice",
    "texture",
    "food quality",
)
#: Words that are themselves a judgement of the food.
_FOOD_EVALUATIVE: tuple[str, ...] = (
    "delicious",
    "tasty",
    "yummy",
    "bland",
    "flavorful",
    "flavourful",
    "overcooked",
    "undercooked",
)
#: Meals as occasions: food in MAMS, mostly anecdotes in SemEval.
_MEALS: tuple[str, ...] = ("dinner", "lunch", "brunch", "breakfast")
#: The amount served: food in SemEval, miscellaneous in MAMS.
_PORTIONS: tuple[str, ...] = ("portion", "portion size", "serving")
#: What is on offer: its own aspect in MAMS, food in SemEval.
_MENU: tuple[str, ...] = (
    "menu",
    "wine list",
    "drink menu",
    "selection",
    "choice",
    "option",
    "variety",
    "specials",
    "daily special",
)
#: The act of serving.
_SERVICE: tuple[str, ...] = (
    "service",
    "customer service",
    "table service",
    "wait",
    "waiting",
    "wait time",
    "delivery",
    "seated",
    "attitude",
)
#: Words that are themselves a judgement of the service.
_SERVICE_EVALUATIVE: tuple[str, ...] = ("attentive", "inattentive", "rude")
#: The people who work there: staff in MAMS, service in SemEval.
_STAFF: tuple[str, ...] = (
    "staff",
    "wait staff",
    "waitstaff",
    "kitchen staff",
    "waiter",
    "waitress",
    "server",
    "bartender",
    "host",
    "hostess",
    "maitre d",
    "manager",
    "management",
    "owner",
    "busboy",
    "sommelier",
    "employee",
    "worker",
    "delivery guy",
)
#: Chefs cook the food in SemEval's view and are staff in MAMS's.
_CHEFS: tuple[str, ...] = ("chef", "cook")
#: Booking: service in SemEval, miscellaneous in MAMS.
_BOOKING: tuple[str, ...] = ("reservation",)
#: Money.
_PRICE: tuple[str, ...] = (
    "price",
    "priced",
    "pricing",
    "cost",
    "bill",
    "tip",
    "money",
    "value",
    "prix fixe",
    "price tag",
)
#: Words that are themselves a judgement of the prices.
_PRICE_EVALUATIVE: tuple[str, ...] = (
    "expensive",
    "inexpensive",
    "pricey",
    "overpriced",
    "cheap",
    "affordable",
)
#: How the place feels.
_AMBIENCE: tuple[str, ...] = (
    "atmosphere",
    "ambience",
    "ambiance",
    "decor",
    "décor",
    "decoration",
    "interior",
    "design",
    "music",
    "live music",
    "jazz",
    "vibe",
    "setting",
    "environment",
    "lighting",
    "noise",
    "noise level",
    "view",
)
#: Words that are themselves a judgement of the atmosphere.
_AMBIENCE_EVALUATIVE: tuple[str, ...] = (
    "cozy",
    "romantic",
    "noisy",
    "loud",
    "cramped",
)
#: The premises: place in MAMS, ambience in SemEval.
_PLACE: tuple[str, ...] = (
    "place",
    "spot",
    "location",
    "space",
    "room",
    "dining room",
    "back room",
    "bar",
    "lounge",
    "seating",
    "outdoor seating",
    "garden",
    "patio",
    "terrace",
    "bathroom",
    "restroom",
    "counter",
    "booth",
    "neighborhood",
)
#: Generic words about the visit (scored with the sentence anyway).
_MISC: tuple[str, ...] = ("experience", "visit", "crowd", "line", "occasion")
#: Tables: miscellaneous in MAMS (too ambiguous to place in SemEval).
_TABLES: tuple[str, ...] = ("table",)


def _aspect(
    *groups: Sequence[str], evaluative: Sequence[str] = ()
) -> dict[str, list[str]]:
    terms = [term for group in groups for term in group]
    return {"terms": [*terms, *evaluative], "evaluative": list(evaluative)}


@cache
def semeval_lexicon() -> AspectLexicon:
    """Return the lexicon for SemEval-2014 restaurant categories.

    Returns:
        An `AspectLexicon` named ``restaurants_semeval14`` with aspects
        ``food``, ``service``, ``price``, ``ambience`` and ``miscellaneous``.
    """
    return AspectLexicon.from_dict(
        {
            "name": "restaurants_semeval14",
            "description": "SemEval-2014 Task 4 restaurant categories (benchmarks).",
            "aspects": {
                "food": _aspect(
                    _FOOD, _PORTIONS, _MENU, _CHEFS, evaluative=_FOOD_EVALUATIVE
                ),
                "service": _aspect(
                    _SERVICE, _STAFF, _BOOKING, evaluative=_SERVICE_EVALUATIVE
                ),
                "price": _aspect(_PRICE, evaluative=_PRICE_EVALUATIVE),
                "ambience": _aspect(_AMBIENCE, _PLACE, evaluative=_AMBIENCE_EVALUATIVE),
                "miscellaneous": _aspect(_MISC, _MEALS),
            },
        }
    )


@cache
def mams_lexicon() -> AspectLexicon:
    """Return the lexicon for the MAMS ACSA categories.

    Returns:
        An `AspectLexicon` named ``restaurants_mams`` with aspects ``food``,
        ``service``, ``staff``, ``price``, ``ambience``, ``menu``, ``place``
        and ``miscellaneous``.
    """
    return AspectLexicon.from_dict(
        {
            "name": "restaurants_mams",
            "description": "MAMS ACSA restaurant categories (benchmarks).",
            "aspects": {
                "food": _aspect(_FOOD, _MEALS, evaluative=_FOOD_EVALUATIVE),
                # "rude" and "attentive" describe people as often as service:
                # MAMS keeps the two apart, so they stay out of this lexicon.
                "service": _aspect(_SERVICE),
                "staff": _aspect(_STAFF, _CHEFS),
                "price": _aspect(_PRICE, evaluative=_PRICE_EVALUATIVE),
                "ambience": _aspect(_AMBIENCE, evaluative=_AMBIENCE_EVALUATIVE),
                "menu": _aspect(_MENU),
                "place": _aspect(_PLACE),
                "miscellaneous": _aspect(_MISC, _PORTIONS, _BOOKING, _TABLES),
            },
        }
    )


def restaurant_lexicon(dataset: str = "semeval2014") -> AspectLexicon:
    """Return the restaurant lexicon for a dataset.

    Args:
        dataset: ``"semeval2014"`` or ``"mams"``.

    Returns:
        The matching `AspectLexicon`.

    Raises:
        ValueError: If the dataset is unknown.
    """
    if dataset == "semeval2014":
        return semeval_lexicon()
    if dataset == "mams":
        return mams_lexicon()
    raise ValueError(f"dataset must be 'semeval2014' or 'mams'; got {dataset!r}.")


#: SemEval-2014 category -> aspect id of `semeval_lexicon`.
SEMEVAL_CATEGORY_TO_ASPECT: Mapping[str, str] = MappingProxyType(
    {
        "food": "food",
        "service": "service",
        "price": "price",
        "ambience": "ambience",
        "anecdotes/miscellaneous": "miscellaneous",
    }
)
#: MAMS ACSA category -> aspect id of `mams_lexicon` (the same names).
MAMS_CATEGORY_TO_ASPECT: Mapping[str, str] = MappingProxyType(
    {
        name: name
        for name in (
            "food",
            "service",
            "staff",
            "price",
            "ambience",
            "menu",
            "place",
            "miscellaneous",
        )
    }
)


# Restaurant words VADER has no valence for (checked against its lexicon), on
# VADER's -4..+4 scale, added to the film/TV layer through the public API. Chosen
# from general knowledge of restaurant reviews, never from test data.
_RESTAURANT_WORDS: dict[str, float] = {
    "tasty": 2.0, "flavorful": 2.0, "flavourful": 2.0, "scrumptious": 2.6,
    "attentive": 1.8, "inattentive": -1.8, "courteous": 1.8, "accommodating": 1.6,
    "overpriced": -1.8, "pricey": -1.0, "expensive": -0.7, "affordable": 1.5,
    "reasonable": 1.0, "reasonably": 0.8, "inexpensive": 1.0,
    "stale": -1.6, "greasy": -1.2, "soggy": -1.4, "undercooked": -1.8,
    "overcooked": -1.6, "burnt": -1.5, "inedible": -2.5, "tasteless": -1.8,
    "flavorless": -1.8, "watery": -1.2, "salty": -0.8, "oily": -0.8, "rubbery": -1.4,
    "crowded": -0.8, "cramped": -1.2, "noisy": -1.0, "loud": -0.6, "dirty": -1.8,
    "filthy": -2.4, "slow": -1.0, "prompt": 1.2, "efficient": 1.2,
    "authentic": 1.2, "cozy": 1.9, "homey": 1.4, "romantic": 1.6,
}  # fmt: skip
_RESTAURANT_PHRASES: dict[str, float] = {
    "rip off": -2.2, "ripped off": -2.2, "worth every penny": 2.4,
    "value for money": 1.6, "good value": 1.8, "great value": 2.2,
    "too expensive": -1.6, "too pricey": -1.6,
    "long wait": -1.4, "waited forever": -2.0, "never again": -2.2,
    "to die for": 2.8, "melt in your mouth": 2.6, "melts in your mouth": 2.6,
}  # fmt: skip


@cache
def restaurant_sentiment() -> SentimentLexicon:
    """Return the film/TV sentiment layer extended with restaurant vocabulary.

    Built through the public API (`SentimentLexicon.with_words` and
    `with_phrases`), as a user adapting reviewkit to restaurants would.

    Returns:
        The extended `SentimentLexicon`.
    """
    return (
        SentimentLexicon.default()
        .with_words(_RESTAURANT_WORDS)
        .with_phrases(_RESTAURANT_PHRASES)
    )
