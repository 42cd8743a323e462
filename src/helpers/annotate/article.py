"""One article: runs the per-sentence steps over an article's parsed candidate sentences (figures, their kinds,
sources, actors, dates and places per clause), then groups the figure sets into events and returns its mention
rows and the figures set aside.
"""
from __future__ import annotations

import datetime as dt
import re

from helpers import actors as actor_dictionary, figure_kinds, figure_wording, place_context
from helpers.attack_dates import dateline_day, filed_day, is_count_time, is_statement_date, latest_text_date, \
    text_dates_contradicted
from helpers.dates import find_date_expressions, parse_publication
from helpers.main_attack import mark_main_attack
from helpers.toll_readings import revision_words
from helpers.annotate.words import EVENT_WORDS, OTHER_READING, SUSPECTED_CUES, TOLL_RISING
from helpers.annotate.sentences import split_sentences
from helpers.annotate.pipeline import _doc_text, _rule_entities
from helpers.annotate.actors import (
    _TARGET_BEFORE, _actor_entities, _context_attackers, _dominant_armed_group, _is_civilian_attack,
    _pronoun_agent, _resolve_pronoun_agents, find_perpetrator, find_target,
)
from helpers.annotate.sources import (
    ArticleSources, Attribution, attribute_figure, continued_quote_speaker, headline_teller, learn_speaker_names,
    quote_speaker, sentence_source,
    spoken_source,
)
from helpers.annotate.places import _resolve_in_article, article_province_mentions, location_phrases, resolve_in_countries
from helpers.annotate.dates import (COUNTED_BACK_KINDS, _implied_main_dates, dates_another_clause, is_earlier_attack,
                                    news_dates_before_sequence)
from helpers.annotate.recalled import is_recalled_attack, is_told_as_before
from helpers.annotate.figure_provinces import figure_provinces
from helpers.annotate.lead_dates import lead_dates, names_serial_blast, names_told_attack
from helpers.annotate.records import EventDate, _ArticleFacts, _Context, _Mention
from helpers.annotate.rows import _set_aside_record
from helpers.annotate.kinds import ATTACKERS_WITHOUT_DEAD, _is_attackers_toll, _judged_figures, \
    drop_titles_restating_set_aside
from helpers.annotate.restated_totals import TITLE_TOTAL_WITH_ATTACKERS, counts_attackers_with_victims
from helpers.annotate.back_references import drop_back_references
from helpers.annotate.copied_text import drop_copied_figures
from helpers.annotate.speaker_anaphora import (
    refers_back, refers_back_to_outlet, sentence_outlet_speaker, sentence_role_speaker,
)
from helpers.annotate.events import (
    _assign_events, _drop_multi_event_totals, _event_rows, _group_figures, _new_incident_groups,
)


# The article's first sentence (its title, or its lede when the text has no title): what it dates is the news. Only
# the first: the next ones are as often a photo caption or a statement about something else.
LEDE_SENTENCES = 1


def _sentence_mentions(doc, sentence_index: int, start: int, end: int,
                       last_source: Attribution | None, set_aside: list | None = None,
                       earlier: list | None = None,
                       names: dict[str, Attribution] | None = None, article=()) -> list[_Mention]:
    """Build the figure sets of one parsed candidate sentence with their clause-level fields; figures whose kind
    is not the victims' or the attackers' dead go to `set_aside` (dicts) instead. `earlier` holds the article's
    figures so far (figure_kinds.Earlier), the context of their kind; this sentence's are appended; `article`
    all of the article's (figure_kinds.article_figures)."""
    figures = _judged_figures(doc, sentence_index, start, end, set_aside, earlier, article)
    if not figures:
        return []
    groups = _group_figures(figures)
    # "by Sunday morning" dates a count, not an attack (helpers.attack_dates.is_count_time)
    dates = [d for d in find_date_expressions(_doc_text(doc)) if not is_count_time(_doc_text(doc), d)]
    statement_dates = [d for d in dates if is_statement_date(doc, d)]  # they still say when the news is
    locations = location_phrases(doc)
    mentions = []
    incident_groups = _new_incident_groups(_doc_text(doc), groups)
    for index, group in enumerate(groups):
        first = min(f.start for f in group.values())
        region_start = 0 if index == 0 else first
        region_end = min(f.start for f in groups[index + 1].values()) if index + 1 < len(groups) else len(_doc_text(doc))
        mention = _Mention(sentence_index, start, end, group, (region_start, region_end))
        key = mention.key_figure
        mention.attribution = attribute_figure(doc, key, last_source, names)
        # a date in a clause about something else ("the general, who was killed in 2020") is not the figure's
        figure_dates = [d for d in dates if not dates_another_clause(doc, d, key.root)]
        mention.own_dates = [d for d in figure_dates if region_start <= d.start < region_end]
        mention.sentence_dates = figure_dates
        mention.statement_dates = statement_dates
        mention.locations = [loc for loc in locations if region_start <= loc[0] < region_end] or (
            [loc for loc in locations if loc[0] < first] if index == 0 else [])
        mention.target = find_target(doc, key)
        mention.perpetrator, mention.is_suspected = find_perpetrator(doc, key, mention.target)
        agent = _pronoun_agent(doc, key)
        if agent is not None:
            mention.has_pronoun_agent, mention.agent_offset = True, agent.idx
        mention.is_civilian_attack = _is_civilian_attack(doc, key)
        mention.is_toll_rising = bool(TOLL_RISING.search(_doc_text(doc)))
        mention.is_new_incident = index in incident_groups
        mention.is_earlier_attack = is_earlier_attack(doc, key.root)
        # "The attack, which happened on Sunday, came weeks after a raid that left 15 dead": Sunday is the news's
        mention.news_dates = [d for d in news_dates_before_sequence(doc, figure_dates, key.root) if d not in statement_dates]
        if mention.news_dates:
            mention.own_dates = [d for d in mention.own_dates if d not in mention.news_dates]
            mention.sentence_dates = [d for d in mention.sentence_dates if d not in mention.news_dates]
        mention.is_recalled = is_recalled_attack(doc, key.root, _doc_text(doc)[region_start:region_end], region_start)
        mention.is_told_before = is_told_as_before(doc, key.root, _doc_text(doc)[region_start:region_end], region_start)
        if index > 0:  # the words between the previous figure set and this one: a revision or another source's count
            between = _doc_text(doc)[max(f.end for f in groups[index - 1].values()):first]
            mention.is_other_reading = bool(OTHER_READING.search(between)) or is_change_of_toll(between)
        mention.incident_cue_end = incident_groups.get(index, -1)
        mention.names_told_attack = names_told_attack(_doc_text(doc)[region_start:region_end])
        mention.names_serial_blast = names_serial_blast(_doc_text(doc)[region_start:region_end])
        mentions.append(mention)
    return mentions


def is_change_of_toll(between: str) -> bool:
    """Tell whether the words between two figure sets of a sentence make the second the other end of a change of
    the same toll: 'revised from 25 to 26' ('to' alone), 'down to 253, from the previous figure of 359' ('from'
    then a word of toll_readings.csv read beside a figure): one toll read twice, so one event (each reading its
    own row)."""
    words = re.findall(r"[a-z]+", between.lower())
    if words in (["to"], ["from"]):
        return True
    return bool(words) and words[0] == "from" and bool(set(words) & revision_words())


def annotate_article(article_id: str, text: str, published, docs: dict[int, object], nlp,
                     gazetteer=None, read_until: int | None = None, set_aside: list | None = None) -> list[dict]:
    """Annotate one article from its parsed candidate sentences; return mention rows (unnumbered).

    With `read_until`, sentences that start at or after that offset are not read (the figures cap). Figures that
    are not an event's (totals, parts, other deaths; helpers.figure_kinds) are appended to `set_aside`."""
    found_aside: list[dict] = []
    rows = _annotate_article(article_id, text, published, docs, nlp, gazetteer, read_until, found_aside)
    if set_aside is not None:
        for record in found_aside:
            set_aside.append({"article_id": article_id, **record,
                              "figure_text": text[record["figure_start"]:record["figure_end"]],
                              "evidence": text[record["char_start"]:record["char_end"]]})
    return rows


def _set_aside_title_totals_with_attackers(mentions: list[_Mention], set_aside: list) -> list[_Mention]:
    """Set aside a headline's killed count that adds its event's victims and attackers' own dead the body gives
    apart (restated_totals.counts_attackers_with_victims); return the mentions left (one with no figure is dropped)."""
    kept = []
    for mention in mentions:
        group = [m for m in mentions if m.event == mention.event]
        if counts_attackers_with_victims(mention, group, _is_attackers_toll):
            figure = mention.figures.pop("killed")
            set_aside.append(_set_aside_record(figure, "not_figure", "rule", mention.sentence_start,
                                               mention.sentence_end, TITLE_TOTAL_WITH_ATTACKERS))
            if not mention.figures:
                continue
        kept.append(mention)
    return kept


def _annotate_article(article_id: str, text: str, published, docs: dict[int, object], nlp, gazetteer,
                      read_until: int | None, set_aside: list) -> list[dict]:
    # no publication day: the dateline's day (a year-less one within the month or year the article is known to be
    # published in, or the week from the latest full date its text gives), else that month, year or week
    published_date = parse_publication(published)
    if isinstance(published_date, dt.date):
        published_date = filed_day(text, published_date)  # "MOGADISHU, March 3 (Reuters) -" on a page of March 4
    else:
        from_text = latest_text_date(text) if published_date is None else None
        if from_text is not None and text_dates_contradicted(text, from_text):
            from_text = None  # "Tuesday, April 29" is no Tuesday in the caption's year: the caption is another year's
        bound = published_date or from_text
        published_date = (dateline_day(text, bound) if bound else None) or (
            dateline_day(text) if published_date is None else None) or bound
    sentences = split_sentences(text)
    if read_until is not None:
        sentences = [span for span in sentences if span[0] < read_until]
    last_source: Attribution | None = None
    sentence_sources: list[Attribution | None] = []
    mentions: list[_Mention] = []
    earlier: list = []  # the article's figures so far: context of the next ones' kinds (helpers.figure_kinds)
    article_docs = {index: docs[index] for index in range(len(sentences)) if index in docs}
    mark_main_attack(article_docs)  # who began the article's main attack: context of its figures' kinds
    article = figure_kinds.article_figures(article_docs)
    names: dict[str, Attribution] = {}  # people the article introduces with a role (sources.learn_speaker_names)
    first_set_aside = len(set_aside)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        learn_speaker_names(sentence, names)
        if index in docs:
            found = _sentence_mentions(docs[index], index, start, end, last_source, set_aside, earlier, names, article)
            for mention in found:  # a quotation whose speaker is named after its last sentence; a headline's teller
                if mention.attribution is None:
                    mention.attribution = quote_speaker(text, start + mention.key_figure.start, end, names,
                                                        last_source=last_source) or \
                        continued_quote_speaker(text, start + mention.key_figure.start, last_source)
                if mention.attribution is None and index == 0:
                    mention.attribution = headline_teller(sentence, mention.key_figure.start, names)
            mentions.extend(found)
        spoken = spoken_source(sentence, names)
        named = sentence_source(sentence, last_source, names, spoken)
        if (sentence_role_speaker(sentence) and refers_back(last_source)) or \
                (sentence_outlet_speaker(sentence) and refers_back_to_outlet(last_source)):
            # '"...," said the official': the state's speaker last named, again; 'The agency said': the outlet again
            named, spoken = (last_source if named is not None else None), (last_source if spoken is not None else None)
        sentence_sources.append(named)
        last_source = spoken or last_source
    mentions = drop_titles_restating_set_aside(mentions, set_aside[first_set_aside:], set_aside)
    mentions = drop_back_references(mentions, docs, set_aside[first_set_aside:])  # 'the 13 bodies': told before
    mentions = drop_copied_figures(mentions, text)  # an embedded post or caption copying the body's words
    if not mentions:
        return []
    _resolve_pronoun_agents(mentions, text)
    countries = place_context.article_countries(text)
    if gazetteer is not None:
        for mention in mentions:
            mention.provinces = figure_provinces(text[mention.sentence_start:mention.sentence_end], mention.locations,
                                                 lambda phrase: resolve_in_countries(phrase, gazetteer, countries))
    for previous, mention in zip(mentions, mentions[1:]):
        if previous.sentence_index < mention.sentence_index:  # dated by the sentences before it, after the last figure
            if mention.names_told_attack:  # "The attack killed six"
                mention.lead_dates = lead_dates(text, sentences, previous.sentence_index + 1, mention.sentence_index)
    article_sources = ArticleSources.of(article_id, text, sentences, sentence_sources)
    main_events = _assign_events(mentions, published_date)
    _drop_multi_event_totals(mentions, main_events)
    mentions = _set_aside_title_totals_with_attackers(mentions, set_aside)
    for mention in mentions:
        if mention.is_multi_attack_total:
            for figure in mention.figures.values():
                set_aside.append(_set_aside_record(figure, "multi_attack_total", "rule", mention.sentence_start,
                                                   mention.sentence_end))
    main_sentences = {m.sentence_index for m in mentions if m.event == 0}
    first_background = min((m.sentence_index for m in mentions if m.event != 0 and m.sentence_index not in main_sentences),
                           default=len(sentences))
    contexts = []
    for index in range(first_background):
        start, end = sentences[index]
        sentence = text[start:end]
        is_lede_only = not EVENT_WORDS.search(sentence)
        if is_lede_only and index >= LEDE_SENTENCES:
            continue
        doc = docs.get(index) or _rule_entities(nlp, sentence)
        groups = [ent.ent_id_ for ent in _actor_entities(doc)
                  if actor_dictionary.actor_type_of(ent.ent_id_) == "non-state armed group"
                  and not _TARGET_BEFORE.search(_doc_text(doc)[max(0, doc[ent.start].idx - 30):doc[ent.start].idx])]
        groups += [name for name in _context_attackers(doc) if name not in groups]  # states striking
        context_dates = find_date_expressions(sentence)
        if is_lede_only:
            # a lede dates the news even without an attack word ("It was a Black Sunday yesterday") by the words it
            # counts back from the news; a full date there is as often a photo caption's, of another day
            context_dates = [d for d in context_dates if d.kind in COUNTED_BACK_KINDS]
        contexts.append(_Context([d for d in context_dates if not is_statement_date(doc, d)], location_phrases(doc), groups,
                                 bool(groups) and bool(SUSPECTED_CUES.search(sentence)), start, index))
    facts = _ArticleFacts(_dominant_armed_group(text), _dominant_armed_group(text, minimum=1),
                          countries.focus, countries=countries)
    facts.province_mentions = lambda: place_context.province_mentions(
        text, countries, lambda phrase: _resolve_in_article(phrase, gazetteer, facts))
    facts.provinces = lambda: place_context.count_provinces(article_province_mentions(facts))
    events: dict[int, list[_Mention]] = {}
    for mention in mentions:
        events.setdefault(mention.event, []).append(mention)
    facts.event_sentences = {event: {(m.sentence_start, m.sentence_end) for m in group} for event, group in events.items()}
    rows = []
    previous_interval: EventDate | None = None
    told: dict[int, EventDate] = {}
    for event, group in sorted(events.items()):
        if any(m.is_earlier_attack for m in group) and 0 in told:
            previous_interval = told[0]  # "the attack comes a day after ...": counted back from the news
        event_rows = _event_rows(article_id, text, event, group, contexts if event == 0 else [],
                                 published_date, gazetteer, facts, article_sources, previous_interval,
                                 "main" if event in main_events else "background",
                                 _implied_main_dates(mentions, main_events),
                                 told[0] if event != 0 and event in main_events and 0 in main_events and 0 in told
                                 else None)
        previous_interval = told[event] = event_rows.date
        rows.extend(event_rows.rows)
    for mention in mentions:
        if mention.is_attackers_without_dead:
            for figure in mention.figures.values():
                decided_by = "model" if figure.figure_kind == "attackers_dead" else "rule"
                set_aside.append(_set_aside_record(figure, "attackers_dead", decided_by, mention.sentence_start,
                                                   mention.sentence_end, ATTACKERS_WITHOUT_DEAD))
    return rows
