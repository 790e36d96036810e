"""The peer: the plain LangChain RAG recipe, run on the same cases so our retrieval can be compared.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the raw documents, Chroma with the
same embedding model (sentence-transformers all-MiniLM-L6-v2 through LangChain), dense top-4.
"""

from __future__ import annotations

import logging

from ..records import Document

log = logging.getLogger(__name__)
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


class BaselineRAG:
    def __init__(self, documents: list[Document]):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_core.documents import Document as LCDocument
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from ..index.embeddings import sentence_transformer_embeddings

        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        chunks = splitter.split_documents(
            [LCDocument(page_content=doc.text, metadata={"source": doc.id}) for doc in documents]
        )
        self.chunks = len(chunks)
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma.from_documents(
            chunks, sentence_transformer_embeddings(), client=client, collection_name="baseline-recipe"
        )
        self.retriever = self.store.as_retriever(search_kwargs={"k": TOP_K})

    def retrieve(self, question: str) -> list[str]:
        return [doc.page_content for doc in self.retriever.invoke(question)]
