"""The event judge: what it ships, that it tells a report of an act from a sentence of none, that its
training is reproducible, and that its labels hold no evaluated article."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import ROOT, shared_file

from tidings.codes import EVENT_TYPES
from tidings.extract.judge import ANY, DIMENSIONS, hashed, load_judge, sentence_features
from tidings.extract.triggers import find_triggers
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article
from tidings.syntax import Tree

MODELS = resources.files("tidings") / "knowledge" / "models"


def _train_module():
    path = ROOT / "scripts" / "training" / "train_judge.py"
    spec = importlib.util.spec_from_file_location("train_judge", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_judge"] = module
    spec.loader.exec_module(module)
    return module


def _any(extractor: Extractor, text: str) -> float:
    judge = extractor.judge
    assert judge is not None
    parsed = next(parse_articles([Article(id="j", text=text)], extractor.nlp, extractor.needs_entities))
    sentence = parsed.sentences[0]
    tree = Tree.of(sentence)
    features = sentence_features(tree, find_triggers(tree, extractor.lexicon), 1, extractor.lexicon.cues)
    return judge.probabilities(features, sentence.embedding)[ANY]


def test_the_judge_ships_small_with_its_provenance() -> None:
    judge = load_judge()
    assert judge is not None, "no judge in the package: run `make model`"
    size = sum((MODELS / name).stat().st_size for name in ("judge.npz", "judge.json"))  # type: ignore[attr-defined]
    assert size < 50 * 1024 * 1024
    meta = json.loads((MODELS / "judge.json").read_text(encoding="utf-8"))
    assert meta["labels"].startswith("training/labels")
    assert meta["sentences"] > 1000 and 0 <= meta["keep"] <= 0.1
    assert judge.weights.shape == (DIMENSIONS, len(EVENT_TYPES) + 1)


@pytest.mark.parametrize(
    ("event", "none"),
    [
        (
            "Police arrested five suspected gang members in Lima on Monday.",
            "The weather in Lima was mild all week.",
        ),
        (
            '"This is a disgrace," the opposition leader said of the new law.',
            "The museum opens at ten on Sundays.",
        ),
        (
            "Gunmen shot dead two police officers at a checkpoint.",
            "The company reported higher sales this quarter.",
        ),
    ],
)
def test_the_judge_tells_an_act_from_no_act(extractor: Extractor, event: str, none: str) -> None:
    assert _any(extractor, event) > _any(extractor, none) + 0.2


def test_feature_hashing_is_stable_across_processes() -> None:
    # crc32, not Python's salted hash(): a model trained in one process reads the same columns in another
    assert hashed(["w:police", "t:COERCE"]).tolist() == sorted(
        [
            __import__("zlib").crc32(b"w:police") % DIMENSIONS,
            __import__("zlib").crc32(b"t:COERCE") % DIMENSIONS,
        ]
    )


def test_training_is_deterministic() -> None:
    tj = _train_module()
    rng = np.random.default_rng(0)
    samples = [
        tj.Sample(
            article=f"a{i % 5}",
            span=(i, i + 1),
            columns=np.unique(rng.integers(0, 1000, 8)),
            dense=rng.standard_normal(4).astype(np.float32),
            target=(rng.random(len(tj.OUTPUTS)) > 0.7).astype(np.float32),
            mask=np.ones(len(tj.OUTPUTS), np.float32),
            required=frozenset(),
            tolerated=frozenset(),
            ruled=frozenset(),
        )
        for i in range(40)
    ]
    a = tj.train(samples, epochs=20, l2=1e-4, rate=0.05)
    b = tj.train(samples, epochs=20, l2=1e-4, rate=0.05)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.dense, b.dense)
    assert np.abs(a.weights).sum() > 0  # it learnt something


@pytest.mark.slow
def test_the_shipped_judge_learnt_from_what_make_model_reads_today() -> None:
    """The package's judge was trained on the samples the labels give with today's code: a change to the
    rules, the features or the sentences the parser cuts (the digest of the samples differs) must
    retrain it with `make model`. Training itself (minutes) is not repeated: `test_training_is_deterministic`
    covers it."""
    shared_file("corpus/news.jsonl")
    tj = _train_module()
    meta = json.loads((MODELS / "judge.json").read_text(encoding="utf-8"))
    samples = tj.samples_of(tj.load_labels(ROOT / "training" / "labels"))
    assert len(samples) == meta["sentences"], "the judge is stale: run `make model`"
    assert tj.fingerprint(samples) == meta["samples_sha256"], "the judge is stale: run `make model`"


def test_the_sample_digest_changes_with_what_the_judge_learns_from() -> None:
    tj = _train_module()

    def sample(columns: list[int], ruled: frozenset[str] = frozenset()) -> object:
        return tj.Sample(
            article="a",
            span=(0, 10),
            columns=np.array(columns, np.int64),
            dense=np.zeros(4, np.float32),
            target=np.zeros(len(tj.OUTPUTS), np.float32),
            mask=np.ones(len(tj.OUTPUTS), np.float32),
            required=frozenset(),
            tolerated=frozenset(),
            ruled=ruled,
        )

    base = tj.fingerprint([sample([1, 5])])
    assert tj.fingerprint([sample([1, 5])]) == base
    assert tj.fingerprint([sample([1, 6])]) != base
    assert tj.fingerprint([sample([1, 5], frozenset({"ACCUSE"}))]) != base


def test_labels_follow_the_sentences_the_parser_cuts_today() -> None:
    """A label written on a sentence that now ends at a blank line: the parts of an event-free one are
    event-free, the sentence that only lost or gained a quote mark keeps its events, an event goes to the
    one part that names its actor (else recipient), and a part is no sample where an event's part is not
    known."""
    tj = _train_module()
    text = 'He said "go."\n\nThe army attacked. Rain fell.\n\nIt was cold.\n\nRebels shot police.'
    quote_end = text.index("\n\n") - 1  # the closing quote mark, once the next sentence's start
    attacked, rain, cold = text.index("The army"), text.index("Rain"), text.index("It was")
    rebels = text.index("Rebels")
    sentences = [(0, attacked), (attacked, rain - 1), (rain, cold), (cold, rebels), (rebels, len(text))]
    event = [{"type": "ASSAULT", "actor": "The army"}]
    labels = {
        (0, quote_end): [],  # 'He said "go.' (its quote mark was cut off)
        (quote_end, rain - 1): event,  # '"\n\nThe army attacked.'
        (rain, cold - 2): [],  # 'Rain fell.'
        (cold, len(text)): [{"type": "ASSAULT", "actor": "Rebels", "recipient": "police"}],
    }

    def label(span: tuple[int, int], given: dict = labels) -> object:
        return tj.label_of(given, span, text, sentences)

    assert label((0, attacked)) == []  # 'He said "go."\n\n'
    assert label((attacked, rain - 1)) == event  # 'The army attacked.'
    assert label((rain, cold)) == []  # 'Rain fell.\n\n'
    assert label((cold, rebels)) == []  # 'It was cold.\n\n': the event names Rebels, in the other part
    assert label((rebels, len(text))) == [labels[(cold, len(text))][0]]
    unnamed = {(0, len(text)): [{"type": "ASSAULT", "actor": None}]}
    assert label((rain, cold), unnamed) is None  # which part holds the act is not known
    assert label((0, len(text))) is None  # over several labelled sentences


def test_no_label_is_written_on_an_evaluated_article() -> None:
    gold = shared_file("eval/events-documents-dev.jsonl")
    evaluated = set()
    keys = set()
    for line in gold.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        evaluated.add(doc["id"])
        keys.add(" ".join(doc["text"].split())[:300])
    labelled = {
        json.loads(line)["article"]
        for path in sorted((ROOT / "training" / "labels").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    assert labelled and not labelled & evaluated
    corpus = Path(gold).parent.parent / "corpus" / "news.jsonl"
    if corpus.exists():
        tj = _train_module()
        for line in corpus.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if tj.article_key(a) in labelled:
                assert " ".join(a["text"].split())[:300] not in keys


def test_the_judge_adds_no_event_to_a_question_or_a_refusal_to_comment(extractor: Extractor) -> None:
    """A question reports no act: the judge's events are for statements ("Why does the president want to
    expel ...?" is a headline's question, not an accusation). A judge that adds every type it can shows
    that only the question mark keeps it out."""
    assert extractor.judge is not None
    eager = replace(extractor, judge=replace(extractor.judge, add=dict.fromkeys(EVENT_TYPES, 0.0)))

    def added(text: str) -> list[str]:
        [result] = extract_articles([Article(id="t", text=text)], eager)
        return [e.event_type for e in result.events if "judge_added" in e.trail]

    assert added("Why Does Guatemala's President Want to Expel Head of Anti-Graft Body?") == []
    assert added("Guatemala's President Wants to Expel Head of Anti-Graft Body.") != []
    # nor to a sentence that tells only that someone would not speak
    assert added("The minister declined to comment on the allegations of business ties.") == []


@pytest.mark.parametrize(
    ("text", "subject", "silent"),
    [
        ("That's the consensus of experts in national security law.", "That", True),
        ("Martinez's comments suggest that the office is going after all groups.", "comments", True),
        ("The court ruling represents a victory for the victims.", "ruling", True),
        ("The senator said the plan would fail.", "senator", False),
        ("He said the plan would fail.", "He", False),
        ("The campaign wrote that the comments were no joke.", "campaign", False),
        ("The seizure was the result of six months of investigative work.", "seizure", True),  # an act
        ("The delegation said the talks had been useful.", "delegation", False),
        # a thing that cannot act, a sign, a time (judging.literal_sense's non_agents)
        ("Early results of the poll are showing that half want a change.", "results", True),
        ("A more immediate priority is finding common ground.", "priority", True),
        ("No! They wanted to earn $10 million.", "!", True),
        ("The group says the story is false.", "group", False),
    ],
)
def test_the_judge_adds_no_verbal_act_without_a_speaker(
    extractor: Extractor, text: str, subject: str, silent: bool
) -> None:
    """A verbal act the judge adds needs a subject that could say it (events._no_speaker)."""
    from tidings.extract.events import _no_speaker

    parsed = next(parse_articles([Article(id="t", text=text)], extractor.nlp, None))
    tree = Tree.of(parsed.sentences[0])
    token = next(t for t in tree.tokens if t.text == subject)

    class _Scene:  # what _no_speaker asks of a scene: the lexicon, its word classes and person words
        lexicon = extractor.lexicon
        persons = extractor.lexicon.classes["persons"]

        def word_class(self, name: str) -> frozenset[str]:
            return extractor.lexicon.classes[name]

    assert _no_speaker(_Scene(), token) is silent  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "event_type", "certainty"),
    [
        # what was said is negated or conditional; saying it was the act (events._content_modality)
        ('Garcia Linera spoke of the DEA. "We do not need a foreign police here."', "REJECT", "asserted"),
        ("Senator Ayotte was asked to join the ticket. But Ayotte isn't interested.", "REJECT", "asserted"),
        ('Carson spoke of Trump. "I would not want a president who acted that way."', "ACCUSE", "asserted"),
        # counter-examples: the act of speech itself negated keeps its negation, and so does a negated
        # trigger of the lexicon, verbal or material (the rules' event: the judge adds none there)
        ("The minister did not say anything about the plan.", "ACCUSE", "negated"),
        ("The minister has not criticized the decision of the court.", "ACCUSE", "negated"),
        ("The soldiers did not fire at the crowd of students.", "ASSAULT", "negated"),
    ],
)
def test_a_verbal_act_the_judge_adds_keeps_no_negation_of_what_was_said(
    extractor: Extractor, text: str, event_type: str, certainty: str
) -> None:
    """The judge adds a verbal act on the sentence's own verb; that verb's negation or modality belongs
    to what was said, not to saying it, unless the verb is the speech verb. A judge that adds every type
    shows the certainty each event of the sentence gets."""
    assert extractor.judge is not None
    eager = replace(extractor, judge=replace(extractor.judge, add=dict.fromkeys(EVENT_TYPES, 0.0)))
    [result] = extract_articles([Article(id="t", text=text)], eager)
    last = result.events[-1].evidence.span if result.events else None
    found = {e.event_type: e.certainty for e in result.events if e.evidence.span == last}
    assert found.get(event_type) == certainty, found
