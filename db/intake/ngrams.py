"""The character n-gram model behind the 小类 suggestion: per 小类, in how many descriptions of
closed cases each character 1-, 2- and 3-gram occurs, scored as TF-IDF centroids.

Chinese has no spaces and callers' words vary ("马葫芦盖没了", "井盖丢了"), so the model reads
overlapping runs of characters instead of words: no dictionary to keep, typos cost a few
n-grams instead of the whole word. Each n-gram counts once per description (binarized), which
suits short texts where repeating a word says little. Plain numpy; a few megabytes in memory,
a few milliseconds per text."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SIZES = (1, 2, 3)
# Runs of CJK characters or of letters; digits, punctuation and spaces separate runs (door
# numbers and phone numbers say nothing about the 小类).
_RUNS = re.compile(r"[\u4e00-\u9fff]+|[a-z]+")
# n-grams seen in fewer descriptions than this are dropped (typos, names, one-off roads)
MIN_DOCUMENTS = 2
MAX_VOCABULARY = 50_000  # the most frequent n-grams kept (~40 MB for 100 小类)
SHARE_SEEN = 5  # descriptions holding an n-gram before its share per class is trusted


def normalized(text: str) -> str:
    """Full-width to half-width, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def ngrams(text: str) -> set[str]:
    """The distinct character n-grams of a text (within runs of Chinese characters or letters)."""
    grams: set[str] = set()
    for run in _RUNS.findall(normalized(text)):
        for size in SIZES:
            for start in range(len(run) - size + 1):
                grams.add(run[start : start + size])
    return grams


@dataclass
class NgramModel:
    """Per 小类 code: how many training descriptions contain each n-gram."""

    codes: list[str]  # the classes, in column order
    vocabulary: dict[str, int]  # n-gram -> row
    counts: npt.NDArray[np.int32]  # rows × classes: descriptions containing the n-gram
    documents: npt.NDArray[np.int32]  # descriptions per class

    @classmethod
    def train(
        cls, examples: Iterable[tuple[str, str]], *, min_documents: int = MIN_DOCUMENTS
    ) -> NgramModel:
        """From (description, 小类 code) pairs; n-grams in fewer than `min_documents`
        descriptions are dropped."""
        code_index: dict[str, int] = {}
        per_gram: dict[str, dict[int, int]] = {}
        documents: list[int] = []
        for text, code in examples:
            column = code_index.get(code)
            if column is None:
                column = code_index[code] = len(code_index)
                documents.append(0)
            documents[column] += 1
            for gram in ngrams(text):
                row = per_gram.get(gram)
                if row is None:
                    per_gram[gram] = {column: 1}
                else:
                    row[column] = row.get(column, 0) + 1
        frequency = {g: sum(row.values()) for g, row in per_gram.items()}
        kept = [g for g, n in frequency.items() if n >= min_documents]
        if len(kept) > MAX_VOCABULARY:  # memory stays bounded (rows × 小类 × 8 bytes)
            kept = sorted(kept, key=lambda g: (-frequency[g], g))[:MAX_VOCABULARY]
        vocabulary = {g: i for i, g in enumerate(kept)}
        counts = np.zeros((len(kept), len(code_index)), dtype=np.int32)
        for gram, i in vocabulary.items():
            for column, n in per_gram[gram].items():
                counts[i, column] = n
        return cls(list(code_index), vocabulary, counts, np.array(documents, dtype=np.int32))

    @property
    def size(self) -> int:
        return int(self.documents.sum())

    def prepare(self) -> PreparedModel:
        return PreparedModel(self)

    # -- storage: one compressed numpy archive ------------------------------------------------

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        rows, columns = np.nonzero(self.counts)
        np.savez_compressed(
            buffer,
            codes=np.array("\n".join(self.codes)),
            grams=np.array("\n".join(self.vocabulary)),
            rows=rows.astype(np.int32),
            columns=columns.astype(np.int32),
            values=self.counts[rows, columns].astype(np.int32),
            documents=self.documents,
        )
        return buffer.getvalue()

    @classmethod
    def loads(cls, data: bytes) -> NgramModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            codes = [c for c in str(archive["codes"]).split("\n") if c]
            grams = str(archive["grams"]).split("\n") if str(archive["grams"]) else []
            counts = np.zeros((len(grams), len(codes)), dtype=np.int32)
            counts[archive["rows"], archive["columns"]] = archive["values"]
            documents = archive["documents"].astype(np.int32)
        return cls(codes, {g: i for i, g in enumerate(grams)}, counts, documents)


class PreparedModel:
    """The model ready to score: one TF-IDF centroid per class, computed once.

    A text scores the cosine between its n-grams (weighted by inverse document frequency)
    and each class's centroid — the share of the class's descriptions holding each n-gram,
    weighted the same way. Measured against a binarized multinomial and a complement naive
    Bayes on the same counts, the centroids ranked callers' words best (see bench/intake)."""

    def __init__(self, model: NgramModel) -> None:
        self.model = model
        counts = model.counts.astype(np.float32)
        documents = float(model.documents.sum())
        idf = np.log((1.0 + documents) / (1.0 + counts.sum(axis=1))) + 1.0
        self.idf = idf.astype(np.float32)
        centroids = counts / np.maximum(model.documents, 1)[None, :] * idf[:, None]
        norms = np.linalg.norm(centroids, axis=0, keepdims=True)
        self.centroids = (centroids / np.maximum(norms, 1e-9)).astype(np.float32)

    def scores(
        self, text: str, damped: Sequence[str] = (), damping: float = 1.0
    ) -> tuple[npt.NDArray[np.float32], list[str]]:
        """Cosine similarity per class (column order of the model, 0 … 1) and the known
        n-grams of `text`; the n-grams inside any of the `damped` words weigh `damping` times
        their usual weight."""
        vocabulary = self.model.vocabulary
        known = [g for g in ngrams(text) if g in vocabulary]
        if not known:
            return np.zeros(len(self.model.codes), dtype=np.float32), []
        rows = [vocabulary[g] for g in known]
        query = self.idf[rows]
        if damped and damping != 1.0:
            factors = [damping if any(g in word for word in damped) else 1.0 for g in known]
            query = query * np.asarray(factors, dtype=np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-9)
        return np.asarray(query @ self.centroids[rows], dtype=np.float32), known

    def share_of(self, gram: str, column: int | None) -> float | None:
        """Of the descriptions holding `gram`, the share in class `column`; None when the
        model has not seen the gram often enough to tell (or the class at all)."""
        row = self.model.vocabulary.get(gram)
        if row is None or column is None:
            return None if row is None else 0.0
        total = int(self.model.counts[row].sum())
        if total < SHARE_SEEN:
            return None
        return int(self.model.counts[row, column]) / total

    def documents_with(self, column: int, grams: Sequence[str]) -> int:
        """The most descriptions of one class sharing any of the longest given n-grams that
        are telling for it (how many closed cases a text resembles)."""
        best = 0
        vocabulary = self.model.vocabulary
        for gram in grams:
            if len(gram) < 2:
                continue
            row = vocabulary[gram]
            n = int(self.model.counts[row, column])
            total = int(self.model.counts[row].sum())
            if total and n * 2 >= total:  # the gram is mostly this class's
                best = max(best, n)
        return best
