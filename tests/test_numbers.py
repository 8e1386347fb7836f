import pytest

from summarizer.text.numbers import figures_in, format_figure, mentions, range_around, stated_spans


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("about 10,000 North Korean troops", 10_000),
        ("some 10 000 soldiers", 10_000),
        ("some 10\u202f000 soldiers", 10_000),
        ("ten thousand soldiers", 10_000),
        ("a 10k-strong force", 10_000),
        ("1,500 special forces", 1_500),
        ("15-hundred troops", 1_500),
        ("fifteen hundred troops", 1_500),
        ("an estimated 12,000-strong force", 12_000),
        ("over 3,000 troops had already arrived", 3_000),
        ("3000 troops", 3_000),
        ("10.000 Soldaten", 10_000),
        ("twenty-five thousand", 25_000),
        ("1.5 million rounds", 1_500_000),
        ("12 thousand soldiers", 12_000),
        ("around 2 lakh armed personnel", 200_000),
        ("1.5 lakh troops", 150_000),
    ],
)
def test_press_forms_of_a_figure(text: str, figure: int) -> None:
    assert mentions(text, figure)


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("11 to 12,000 troops", (11_000, 12_000)),
        ("between 11 and 12 thousand troops", (11_000, 12_000)),
        ("11-12,000 troops", (11_000, 12_000)),
    ],
)
def test_ranges_that_drop_the_magnitude_of_their_first_end(text: str, both: tuple[int, int]) -> None:
    found = figures_in(text)
    assert set(both) <= found


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Picture: Getty", 10_000),
        ("thousands of North Korean soldiers", 1_000),
        ("North Korea has sent troops to Russia", 10_000),
        ("about 1,000 troops", 10_000),  # a different figure is not this one
        ("killing 3 and wounding 10,000", 3_000),  # 'and' only makes a range after 'between'
        ("one of them", 1),
    ],
)
def test_text_without_the_figure_is_not_taken_for_it(text: str, figure: int) -> None:
    assert not mentions(text, figure)


def test_format_figure() -> None:
    assert format_figure(10_000) == "10,000"


@pytest.mark.parametrize(
    ("text", "figure", "hedge"),
    [
        ("about 10,000 troops", 10_000, "about"),
        ("some 10,000 troops", 10_000, "about"),
        ("an estimated 12,000-strong force", 12_000, "about"),
        ("up to 10,000 troops", 10_000, "up to"),
        ("over 3,000 troops had arrived", 3_000, "over"),
        ("more than 1,500 soldiers", 1_500, "more than"),
        ("preparing to send 10,000 soldiers", 10_000, "exact"),
        ("a total of 12,000 soldiers", 12_000, "exact"),
        ("ten thousand soldiers", 10_000, None),
    ],
)
def test_hedge_of_a_figure(text: str, figure: int, hedge: str | None) -> None:
    from summarizer.text.numbers import hedge_of

    assert hedge_of(text, figure) == hedge


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("to about 2,500 or 3,000 troops", 2_500, (2_500, 3_000)),
        ("between 20,000 and 25,000 fighters", 25_000, (20_000, 25_000)),
        ("capped at 503 and 5,262 in Iraq", 503, None),  # two figures: "and" needs "between"
        ("from 3,500 to 6,000 fighters", 3_500, (3_500, 6_000)),
    ],
)
def test_a_range_is_said_with_to_or_or_or_between_and(text: str, figure: int, expected: tuple[int, int] | None) -> None:
    assert range_around(text, figure) == expected


def test_an_ordinal_is_no_figure() -> None:
    from summarizer.text.numbers import figures_in

    assert figures_in("The 4th Infantry Division and the 27th brigade sent 3,500 troops.") == {3_500}


def test_a_hundred_after_an_article_is_read_with_its_article() -> None:
    text = "the minister saw off the hundred and forty police officers, a thousand more to follow"
    assert mentions(text, 140) and mentions(text, 1_000)
    assert [text[a:b] for a, b in stated_spans(text, 140)] == ["hundred and forty"]
    assert [text[a:b] for a, b in stated_spans(text, 1_000)] == ["thousand"]
    assert stated_spans("data thousand", 1_000) == []


def test_a_number_inside_a_name_is_no_figure() -> None:
    assert figures_in("M23 rebel fighters and F-16 jets, MiG-29s and T-72 tanks") == set()
    assert figures_in("Pentagon Announces Troop Withdrawal from Afghanistan-2,500 troops to remain") == {2_500}
