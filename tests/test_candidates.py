from summarizer.text.candidates import is_measure, troop_figure_sentences, troop_figures, troop_sentences
from summarizer.text.sentences import sentences


def test_sentences_do_not_break_on_abbreviations() -> None:
    text = "Last week, U.S. officials said 3,000 troops left. Mr. Kirby agreed.\nNew line here"
    assert sentences(text) == [
        "Last week, U.S. officials said 3,000 troops left.",
        "Mr. Kirby agreed.",
        "New line here",
    ]


def test_an_abbreviated_month_before_a_day_ends_no_sentence() -> None:
    text = "Up from 3,000 on Jan. 30, the army said. It was Oct. Then came Sept. 11 and more."
    assert sentences(text) == [
        "Up from 3,000 on Jan. 30, the army said.",
        "It was Oct.",
        "Then came Sept. 11 and more.",
    ]


def test_troop_sentences_pair_a_figure_with_a_word_for_troops() -> None:
    text = (
        "29 October 2024, 07:31\n"
        "About 10,000 North Korean troops are expected within weeks. "
        "North Korea supplied millions of rounds of ammunition. "
        "The delegation briefed 32 ambassadors. "
        "In 2024 the army grew. "
        "Some 1,500 special forces are training. "
        "Russia deployed almost 2,000 peacekeepers."
    )
    assert troop_sentences(text) == [
        "About 10,000 North Korean troops are expected within weeks.",
        "Some 1,500 special forces are training.",
        "Russia deployed almost 2,000 peacekeepers.",
    ]


def test_a_small_toll_of_troops_is_pointed_at() -> None:
    text = (
        "Twenty soldiers were killed in the clash. "
        "The ministry recorded another 40 casualties among its forces. "
        "Their 12 tanks arrived on Monday. "  # no count of troops
        "In 25 years, soldiers have died there. "  # not a count of them
        "At least 30 people were killed."  # civilians
    )
    assert troop_sentences(text) == [
        "Twenty soldiers were killed in the clash.",
        "The ministry recorded another 40 casualties among its forces.",
    ]


def test_a_measure_is_no_troop_figure() -> None:
    assert troop_figures("The troops are about 75 to 100 miles from the border.") == set()
    assert troop_figures("Some 20% of the 5,000 troops are reservists.") == {5_000}
    assert is_measure("a 300 km front held by 2,000 soldiers", 300)
    assert not is_measure("300 soldiers and 300 km of front", 300)  # one of its statements counts people


def test_sentences_do_not_break_on_ranks_and_do_break_on_a_lost_space() -> None:
    text = "Rear Adm. John Kirby and Maj. Gen. Pat Ryder spoke.The army said 2,000."
    assert sentences(text) == ["Rear Adm. John Kirby and Maj. Gen. Pat Ryder spoke.", "The army said 2,000."]


def test_a_lost_space_splits_only_before_a_word_that_starts_sentences() -> None:
    assert sentences("The ministry has said, News.Az reports.") == ["The ministry has said, News.Az reports."]
    assert sentences("posted on a Web site.The army said.") == ["posted on a Web site.", "The army said."]


def test_a_number_that_names_a_place_or_a_sum_is_not_a_troop_figure() -> None:
    sentence = (
        "There were a little over 1,000 U.S. troops in Niger, where a drone base known as Air Base 201 was built"
        " at a cost of more than $100 million."
    )
    assert troop_figures(sentence) == {1_000}
    assert is_measure("Fighting goes on around Hill 350, where 400 soldiers hold out.", 350)
    assert not is_measure("Hill 350 is held by 350 soldiers.", 350)  # one statement counts people


def test_a_small_toll_with_its_noun_left_out_is_named_unless_civilians_are_counted() -> None:
    troops = (
        "Hezbollah says it killed 70 Israeli troops, updating a statement saying 55 were killed since the invasion."
    )
    assert troop_figures(troops) == {55, 70}
    civilians = "The troops' shelling killed one civilian, and five were wounded, with 1,500 families evacuated."
    assert troop_figures(civilians) == set()


def test_troopers_and_a_small_toll_of_losses_are_named() -> None:
    assert troop_figures("Putin could have some 150,000 troopers by mid-February.") == {150_000}
    assert troop_figures("Israel's losses in southern Lebanon stand at 15 soldiers.") == {15}


def test_a_forces_own_small_toll_and_its_elided_losses_are_named() -> None:
    assert troop_figures("The military's death toll has climbed to 85 with the death of another soldier.") == {85}
    toll = "Two more Thai soldiers were killed, bringing the number of fatalities among its armed forces to 19."
    assert troop_figures(toll) == {2, 19}
    assert troop_figures("The army confirmed three soldiers dead and 29 wounded in the clashes.") == {3, 29}
    assert troop_figures("Sources said over 60 terrorists were wounded in the strikes.") == {60}
    # family members are no force
    assert troop_figures("He said 10 members of his family were among those killed in the strikes.") == set()


def test_others_after_a_count_of_troops_and_a_force_s_own_losses_are_named() -> None:
    assert troop_figures("Kabul said 40 soldiers were killed and 25 others wounded in the clash.") == {40, 25}
    assert troop_figures("One soldier was killed, and 11 others were injured.") == {11}
    assert troop_figures("The army said 90 troops died, while the rebels' command said it lost 35.") == {90, 35}
    # but not others after civilians, and not what a lost count names
    assert troop_figures("Police said 12 civilians were killed and 30 others wounded near the army base.") == set()
    assert troop_figures("The army said it lost 12 tanks near the front.") == set()


def test_the_death_of_troops_is_a_loss_and_a_word_range_s_upper_end_no_figure() -> None:
    assert troop_figures("The army has confirmed the death of 23 of its soldiers in the clashes.") == {23}
    # the range is named by its lower end, as one in digits is
    assert troop_figures("The clash resulted in the deaths of seven to eight rebel fighters.") == {7}


def test_police_and_counts_told_at_some_distance_from_their_noun_are_named() -> None:
    assert troop_figures("A contingent of 400 Kenyan police officers landed in the capital.") == {400}
    assert troop_figures(
        "Four more South African soldiers have died, bringing to 13 the number of SA soldiers killed."
    ) == {
        4,
        13,
    }
    assert troop_figures(
        "The army said 23 of its fighters were killed on Friday near the river, and a further 37 wounded."
    ) == {
        23,
        37,
    }
    assert troop_figures("Two more soldiers killed, death toll climbs to 19 in border clashes") == {2, 19}
    # not the 23 of a group's name
    assert troop_figures("The M23 rebels attacked soldiers who were killed near Goma.") == set()


def test_a_count_whose_noun_follows_a_long_proper_name_is_named() -> None:
    assert troop_figures("The clash ended when eight Northern Border Defence Corps (NBDC) guards died.") == {8}
    # a span of time before the count is not one
    assert troop_figures("After four days of fighting 27 Zaria Brigade soldiers were killed.") == {27}


def test_one_more_in_a_list_of_a_force_s_losses_is_named() -> None:
    assert troop_figures("The dead include 11 Kenyan peacekeepers, four from Ghana and one from Chad.") == {11, 4}
    # not after a count of civilians
    assert troop_figures("The dead include 11 civilians, four from Ghana, said the army.") == set()


def test_a_sentence_that_goes_on_counting_the_troops_before_it_is_pointed_at() -> None:
    text = (
        "In 2019 there were more than 9,000 Dutch troops in the region. Today there are under 3,000, "
        "and that will fall to 1,500 by spring. The talks resumed on Monday after 200 days."
    )
    found = troop_sentences(text)
    assert len(found) == 2 and found[1].startswith("Today there are under 3,000")
    # not without a sentence about troops right before, nor when civilians are counted
    assert troop_sentences("The city was quiet. Today there are under 3,000 in the camp.") == []
    assert troop_sentences("Troops left. Of these 1,064 were civilians and 251 were children.") == []


def _marked(sentence: str) -> set[int]:
    return next((figures for _, figures in troop_figure_sentences([sentence])), set())


def test_a_small_force_counted_outright_is_named_and_martyrs_are_losses() -> None:
    # the parse reads a small force counted outright (its number's noun is a force)
    assert _marked("The US sent 50 special forces soldiers to the base.") == {50}
    assert _marked("About 90 American troops remain in the country.") == {90}
    assert troop_figures("At least 17 security personnel were martyred in the attack.") == {17}
    assert troop_figures("The fighting claimed the lives of 40 soldiers.") == {40}
    # not who spoke, not a span of time, not whole forces
    assert _marked("Two soldiers told AFP the base had been quiet.") == set()
    assert _marked("He served 20 years as a soldier.") == set()
    assert _marked("The two armies did not share information.") == set()
    # a range in words: the parse's noun is the range's, so both ends are pointed at
    assert _marked("Rebels said seven to eight soldiers had deserted.") == {7, 8}


def test_the_missing_a_bare_list_of_losses_and_fatalities_are_named() -> None:
    assert troop_figures("In all, 1,210 soldiers have died and 17 were missing, the ministry said.") == {1_210, 17}
    assert troop_figures("The border guard reported 31 killed and 140 wounded since May.") == {31, 140}
    assert troop_figures("Monitors reported at least 16 Wagner fatalities.") == {16}
    # a list of losses among civilians is not one
    assert troop_figures("Police said 31 killed and 140 wounded, most of them civilians.") == set()


def test_a_toll_that_goes_on_from_a_sentence_about_troops_is_pointed_at() -> None:
    text = 'The mothers of soldiers disputed the count. "The real toll is some 9,000 deaths," she said.'
    assert len(troop_sentences(text)) == 1
