"""Suggesting the 小类 of a description and the department for a 小类 in a grid.

The 小类: the similarity of the description's character n-grams to those of the center's most
recent closed cases of each 小类 (TF-IDF centroids, db/intake/ngrams.py) and to the words that
name it (its name, its 关键词 and the callers' words, db/intake/lexicon.py), plus each of those
words found whole in the description (马葫芦 → 井盖缺失/井盖破损; "暖气*不热" two pieces in
one clause; a word naming only a place, 人行道 or 楼上, counting less — also in the learned
similarity). Before scoring, the usual input-method slips are corrected (拉圾 → 垃圾), clauses
the caller denies are dropped ("不是…，是…") and a marked main complaint (主要是 …) or the call
without its asides (还有 …) counts again on its own (db/intake/focus.py). The department: who closed such
cases on time in that grid over the year before training, else over the whole street, else the
小类's default department.

What was learned from the cases is stored in `intake_models` (one row, shared by every
workstation, so one of them learns for all) and kept in memory per database, reloaded when its
version changes; `retrain_if_due` relearns it when enough cases closed since (the window calls
it on a thread of its own after sign-in and every hour). A suggestion reads no case rows: a
few milliseconds on any size of database."""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.cases.states import Status
from db.clock import utcnow
from db.engine import Database
from db.intake.focus import cleaned, main_clause
from db.intake.lexicon import Lexicon, build_lexicon, corrected
from db.intake.ngrams import NgramModel, PreparedModel
from db.models import Case, Category, Department, IntakeModel
from db.reference.choices import Choice

MODEL_KEY = "categories"
TRAIN_LIMIT = 40_000  # most recent closed cases learned from (bounded on a 1M-case database)
RETRAIN_AFTER = 200  # newly closed cases that make the stored model due for retraining
DEPARTMENT_DAYS = 365  # the department figures cover the year before training
MIN_ON_TIME = 2  # on-time closings that make a department a suggestion
MIN_DEPARTMENT_SHARE = 0.1  # … and its least share of the 小类's closings there
UNSTORED_SECONDS = 600  # a model learned without storing it (no row yet) is kept this long
WORDS_NGRAM_WEIGHT = 20.0  # cosine similarity to the words naming the 小类, scaled
NGRAM_WEIGHT = 30.0  # cosine similarity (0 … 1) to the 小类's closed cases, scaled
SHARE_FLOOR = 0.4  # a word closed cases of many 小类 hold (楼下, 单元门) counts from 0.4
LEXICON_WEIGHT = 6.0  # one word that names the 小类, scaled by its length (2 → 6, 4+ → 9)
PLACE_DAMPING = 0.25  # weight of the n-grams of a place word in the learned similarity
MAIN_WEIGHT = 0.7  # share of the main complaint's own score when the call marks one
TEMPERATURE = 2.0  # scores → shares: softmax of the combined score over this
# A 小类 is certain when its share is at least this and at least twice the runner-up's
# (on the evaluation texts: 85 % of them certain, 97 % of those right).
CERTAIN_SHARE = 0.8
LEARNED_STATUSES = (Status.CLOSED.value, Status.SELF_RESOLVED.value)


# --- the learned state --------------------------------------------------------------------------


@dataclass
class DepartmentFigures:
    """On-time closings (and all closings) per (小类 id, grid id) and per 小类 id, by department."""

    by_grid: dict[tuple[int, int], dict[int, tuple[int, int]]] = field(default_factory=dict)
    by_category: dict[int, dict[int, tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[list[int]]) -> DepartmentFigures:
        """From stored rows [category_id, grid_id, department_id, on_time, total]."""
        figures = cls()
        for category_id, grid_id, department_id, on_time, total in rows:
            figures.by_grid.setdefault((category_id, grid_id), {})[department_id] = (
                on_time,
                total,
            )
            per = figures.by_category.setdefault(category_id, {})
            before = per.get(department_id, (0, 0))
            per[department_id] = (before[0] + on_time, before[1] + total)
        return figures


@dataclass
class Learned:
    version: int  # the stored row's version; 0 = learned here, not stored
    model: PreparedModel
    departments: DepartmentFigures
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Cached:
    learned: Learned | None = None
    lexicon_key: tuple[tuple[str, str, str, int], ...] = ()
    lexicon: Lexicon = field(default_factory=Lexicon)
    words_model: PreparedModel | None = None  # the n-grams of the words naming each 小类
    categories: dict[str, tuple[int, str]] = field(default_factory=dict)  # code -> (id, name)


_cache: weakref.WeakKeyDictionary[Engine, _Cached] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _training_examples(session: Session) -> tuple[list[tuple[str, str]], datetime | None]:
    """The most recent closed cases as (description, 小类 code), and the newest closing."""
    rows = session.execute(
        select(Case.description, Category.code, Case.closed_at)
        .join(Category, Category.id == Case.category_id)
        .where(Case.closed_at.is_not(None), Case.status.in_(LEARNED_STATUSES))
        .order_by(Case.closed_at.desc())
        .limit(TRAIN_LIMIT)
    ).all()
    newest = rows[0][2] if rows else None
    return [(str(d or ""), str(c)) for d, c, _ in rows if d], newest


def _department_rows(session: Session, until: datetime | None) -> list[list[int]]:
    if until is None:
        return []
    on_time = func.sum(func.cast(Case.ever_overdue.is_(False), type_=Case.id.type))
    rows = session.execute(
        select(Case.category_id, Case.grid_id, Case.department_id, on_time, func.count())
        .where(
            Case.closed_at > until - timedelta(days=DEPARTMENT_DAYS),
            Case.closed_at <= until,
            Case.status == Status.CLOSED.value,
            Case.department_id.is_not(None),
        )
        .group_by(Case.category_id, Case.grid_id, Case.department_id)
    ).all()
    return [[int(c), int(g), int(d), int(o or 0), int(n)] for c, g, d, o, n in rows]


def _learn(session: Session) -> tuple[NgramModel, list[list[int]], datetime | None]:
    examples, newest = _training_examples(session)
    return NgramModel.train(examples), _department_rows(session, newest), newest


def _learned(session: Session) -> Learned:
    """The model for this database: the stored one (reloaded when its version changed), else
    one learned now from the session and kept a while."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    version = session.scalar(select(IntakeModel.version).where(IntakeModel.key == MODEL_KEY))
    with _lock:
        cached = _cache.setdefault(engine, _Cached())
        learned = cached.learned
    if learned is not None:
        if version is not None and learned.version == version:
            return learned
        if version is None and time.monotonic() - learned.at < UNSTORED_SECONDS:
            return learned
    if version is not None:
        row = session.get(IntakeModel, MODEL_KEY)
        assert row is not None
        learned = Learned(
            row.version,
            NgramModel.loads(row.data).prepare(),
            DepartmentFigures.from_rows(list(row.departments or [])),
        )
    else:
        model, rows, _ = _learn(session)
        learned = Learned(0, model.prepare(), DepartmentFigures.from_rows(rows))
    with _lock:
        cached.learned = learned
    return learned


def _lexicon(session: Session) -> _Cached:
    """The words of the active 小类 (read each call: ~100 short rows; rebuilt when they change)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    rows = tuple(
        (str(code), str(name), str(keywords or ""), int(id_))
        for code, name, keywords, id_ in session.execute(
            select(Category.code, Category.name, Category.keywords, Category.id)
            .where(Category.active.is_(True))
            .order_by(Category.code)
        )
    )
    with _lock:
        cached = _cache.setdefault(engine, _Cached())
        if cached.lexicon_key != rows:
            cached.lexicon = build_lexicon((code, name, kw) for code, name, kw, _ in rows)
            cached.words_model = NgramModel.train(
                ((w.text, code) for w in cached.lexicon.words for code in sorted(w.codes)),
                min_documents=1,
            ).prepare()
            cached.categories = {code: (id_, name) for code, name, _, id_ in rows}
            cached.lexicon_key = rows
        return cached


def retrain_if_due(db: Database, *, after: int = RETRAIN_AFTER, force: bool = False) -> bool:
    """Relearn and store the model when none is stored or at least `after` cases closed since
    it was learned; True when it did. Runs in the background (seconds on a large database)."""
    with db.read() as session:
        row = session.get(IntakeModel, MODEL_KEY)
        if row is not None and not force:
            since = row.trained_through
            newer = select(func.count()).select_from(Case).where(Case.closed_at.is_not(None))
            if since is not None:
                newer = newer.where(Case.closed_at > since)
            if int(session.scalar(newer) or 0) < after:
                return False
        model, rows, newest = _learn(session)
    try:
        with db.write() as session:
            row = session.get(IntakeModel, MODEL_KEY)
            if row is None:
                row = IntakeModel(key=MODEL_KEY, version=0)
                session.add(row)
            row.version = int(row.version or 0) + 1
            row.trained_at = utcnow()
            row.trained_through = newest
            row.cases = model.size
            row.data = model.dumps()
            row.departments = rows
    except IntegrityError:
        return False  # another workstation stored its first model at the same moment
    return True


# --- 小类 ----------------------------------------------------------------------------------------


def _shares(values: np.ndarray) -> np.ndarray:
    scaled = (values - values.max()) / TEMPERATURE
    exp = np.exp(scaled)
    return np.asarray(exp / exp.sum())


def _combined(
    words: _Cached, learned: Learned, position: dict[str, int], text: str
) -> tuple[np.ndarray, list[str], dict[str, list[str]]]:
    """The combined score per 小类 (column order of `position`), the known n-grams and the
    words found, for one text."""
    combined = np.zeros(len(position), dtype=np.float64)
    model = learned.model
    found = words.lexicon.matches(text)
    # the n-grams of a word naming only a place (楼上, 人行道) do not lead the similarity either
    weak = [w.text for w in found if w.weight < 1.0 and w.pattern is None]
    similarity, known = model.scores(text, weak, PLACE_DAMPING)
    for column, code in enumerate(model.model.codes):
        index = position.get(code)
        if index is not None:
            combined[index] = NGRAM_WEIGHT * float(similarity[column])
    if words.words_model is not None and WORDS_NGRAM_WEIGHT:
        # pieces of the words naming a 小类 (冰 of 结冰 in 台阶上全是冰)
        word_similarity, _ = words.words_model.scores(text)
        for column, code in enumerate(words.words_model.model.codes):
            if code in position:
                combined[position[code]] += WORDS_NGRAM_WEIGHT * float(word_similarity[column])
    hits: dict[str, list[str]] = {}
    learned_columns = {code: i for i, code in enumerate(model.model.codes)}
    for word in found:
        for code in word.codes:
            index = position.get(code)
            if index is not None:
                share = model.share_of(word.text, learned_columns.get(code))
                weight = 1.0 if share is None else SHARE_FLOOR + (1 - SHARE_FLOOR) * share
                length = min(len(word.text.replace("*", "")), 4)
                combined[index] += LEXICON_WEIGHT * word.weight * weight * (0.5 + 0.25 * length)
                hits.setdefault(code, []).append(word.shown)
    return combined, known, hits


def suggest_categories_in(session: Session, text: str, *, limit: int = 3) -> list[Choice]:
    """The likeliest 小类 of `text`, best first (at most `limit`), each with its reason.

    The usual input-method slips are corrected first (拉圾 → 垃圾); clauses the caller denies ("不是…，是…") are left out; when the call marks its main
    complaint (主要是, 最要命的是 …) that part counts again on its own (db/intake/focus.py)."""
    if not text.strip() or limit <= 0:
        return []
    words = _lexicon(session)
    learned = _learned(session)
    codes = sorted(words.categories)
    if not codes:
        return []
    position = {code: i for i, code in enumerate(codes)}
    model = learned.model
    text = cleaned(corrected(text))
    combined, known, hits = _combined(words, learned, position, text)
    main = main_clause(text)
    if main is not None:
        main_combined, _, main_hits = _combined(words, learned, position, main)
        combined = (1 - MAIN_WEIGHT) * combined + MAIN_WEIGHT * main_combined
        for code, found in main_hits.items():
            hits.setdefault(code, [])[:0] = [w for w in found if w not in hits.get(code, [])]
    if not known and not hits:
        return []
    shares = _shares(combined)
    order = np.argsort(-shares)[:limit]
    model_column = {code: i for i, code in enumerate(model.model.codes)}
    choices: list[Choice] = []
    for index in order:
        code = codes[int(index)]
        category_id, name = words.categories[code]
        learned_column = model_column.get(code)
        similar = (
            model.documents_with(learned_column, known)
            if learned_column is not None and known
            else 0
        )
        reasons: list[str] = []
        if code in hits:
            reasons.append(f"描述含 {'、'.join(hits[code][:3])}")
        if similar:
            reasons.append(f"与 {similar} 件已结案 {name} 相似")
        if not reasons:
            reasons.append("描述中的字词与该小类的已结案案件较接近")
        choices.append(Choice(code, name, float(shares[index]), "；".join(reasons), id=category_id))
    return choices


def category_certain(choices: list[Choice]) -> bool:
    """Whether the first 小类 is clearly ahead: share ≥ CERTAIN_SHARE and at least twice the
    runner-up's."""
    if not choices:
        return False
    second = choices[1].score if len(choices) > 1 else 0.0
    return choices[0].score >= CERTAIN_SHARE and choices[0].score >= 2 * second


# --- department ---------------------------------------------------------------------------------


def suggest_departments_in(
    session: Session, category_id: int, grid_id: int | None, *, limit: int = 3
) -> list[Choice]:
    """The departments that should handle a 小类 in a grid, best first (at most `limit`): who
    closed such cases on time in that grid, else in the street, else the 小类's default."""
    if limit <= 0:
        return []
    category = session.get(Category, category_id)
    if category is None:
        return []
    figures = _learned(session).departments
    choices: list[Choice] = []
    seen: set[int] = set()

    def add_from(counts: dict[int, tuple[int, int]], where: str) -> None:
        total = sum(t for _, t in counts.values()) or 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        for department_id, (on_time, _) in ranked:
            if department_id in seen or len(choices) >= limit:
                continue
            if on_time < MIN_ON_TIME or on_time < MIN_DEPARTMENT_SHARE * total:
                continue  # a stray dispatch, not a department that handles this 小类
            department = session.get(Department, department_id)
            if department is None or not department.active:
                continue
            seen.add(department_id)
            why = f"近一年{where} {category.name} {on_time} 件由 {department.name} 按期办结"
            choices.append(Choice("", department.name, on_time / total, why, id=department_id))

    if grid_id is not None:
        add_from(figures.by_grid.get((category_id, grid_id), {}), "该网格")
    if len(choices) < limit:
        add_from(figures.by_category.get(category_id, {}), "全街道")
    default_id = category.default_department_id
    if default_id is not None and default_id not in seen and len(choices) < limit:
        department = session.get(Department, default_id)
        if department is not None and department.active:
            score = 0.5 if not choices else min(0.5, choices[-1].score)
            choices.append(
                Choice("", department.name, score, "该小类的默认处置部门", id=default_id)
            )
    return choices[:limit]


def suggest_department_for_cases(db: Database, case_ids: list[int]) -> Choice | None:
    """The department to suggest in the dispatch picker for these cases: for their 小类 and,
    when they share one, their grid; None when they are of different 小类."""
    with db.read() as session:
        rows = session.execute(
            select(Case.category_id, Case.grid_id).where(Case.id.in_(case_ids[:500]))
        ).all()
        categories = {c for c, _ in rows}
        grids = {g for _, g in rows}
        if len(categories) != 1:
            return None
        grid_id = next(iter(grids)) if len(grids) == 1 else None
        choices = suggest_departments_in(session, next(iter(categories)), grid_id, limit=1)
        return choices[0] if choices else None
