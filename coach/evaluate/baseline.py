"""The peer: the plain LangChain RAG recipe, run on the same cases so our retrieval can be compared.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the raw documents, Chroma with the
same embedding model, dense top-4. The model is all-MiniLM-L6-v2 run by the same encoder the index uses (its
ONNX export, whose vectors match sentence-transformers': tests/engine/test_embeddings.py), so the comparison
is between the two ways of retrieving, and an evaluation does not load torch for the peer alone. The
chunks' vectors are kept between runs, as the index's records' are.
"""

from __future__ import annotations

import logging

from langchain_core.embeddings import Embeddings

from ..records import Document
from ..settings import Settings
from ..vectors import RememberingEncoder

log = logging.getLogger(__name__)
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


class _KeptEmbeddings(Embeddings):
    """The chunks' vectors kept between runs (in COACH_MODEL_CACHE/vectors, as the index's); questions read by
    the single-threaded encoder, as the coach reads them: the index builder's threads spin on after each run
    and would slow the coach's own answers measured right after (2x at p50 in `coach eval`)."""

    def __init__(self, kept: RememberingEncoder, encoder: Embeddings):
        self._kept, self._encoder = kept, encoder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._kept.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encoder.embed_query(text)


class BaselineRAG:
    def __init__(self, documents: list[Document], settings: Settings):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_core.documents import Document as LCDocument
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from ..index.embeddings import document_embeddings, model_fingerprint, query_embeddings

        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        chunks = splitter.split_documents(
            [LCDocument(page_content=doc.text, metadata={"source": doc.id}) for doc in documents]
        )
        self.chunks = len(chunks)
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        encoder = document_embeddings(settings)
        kept = RememberingEncoder("baseline-chunks", encoder, settings.vectors_dir, model_fingerprint())
        self.store = Chroma.from_documents(
            chunks, _KeptEmbeddings(kept, query_embeddings(settings)), client=client, collection_name="baseline-recipe"
        )
        kept.keep()
        self.retriever = self.store.as_retriever(search_kwargs={"k": TOP_K})

    def retrieve(self, question: str) -> list[str]:
        return [doc.page_content for doc in self.retriever.invoke(question)]
