"""`Coach.as_retriever`: a LangChain BaseRetriever over the coach's hybrid, code-aware search, used in a
real LCEL chain. No hosted LLM can run here, so the chain's model step is langchain_core's
ParrotFakeChatModel, which answers with the prompt it was given: the test then checks what a real model
would have been shown (the retrieved records with their codes). Retrieval, index and embeddings are real."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import ParrotFakeChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnablePassthrough
from servers import run_async

from coach.errors import InputError


def format_docs(docs) -> str:
    return "\n".join(
        f"[{d.metadata['code']}] ({d.metadata['kind']}, {', '.join(d.metadata['flags']) or '-'}) {d.page_content}"
        for d in docs
    )


def test_an_lcel_chain_puts_the_cited_records_in_the_prompt(coach):
    retriever = coach.as_retriever(k=4)
    assert isinstance(retriever, BaseRetriever)
    prompt = ChatPromptTemplate.from_messages(
        [("human", "Answer only from these records and cite their codes:\n{context}\n\nQuestion: {question}")]
    )
    chain = (
        {"context": retriever | format_docs, "question": RunnablePassthrough()}
        | prompt
        | ParrotFakeChatModel()
        | StrOutputParser()
    )
    shown = chain.invoke("how do I end an alliance?")  # the parrot answers with the prompt it was given
    assert shown.endswith("Question: how do I end an alliance?")
    records = [line for line in shown.splitlines() if line.startswith("[")]
    assert len(records) == 4 and any(line.startswith("[II M") for line in records)  # Termination and/or Transformation
    assert "[II M.2] (item, CA-AM, CSAP, Core) Termination: create a plan for ending an alliance" in shown


def test_documents_carry_code_title_kind_and_flags(coach):
    docs = coach.as_retriever(k=3).invoke("II C.1")
    first = docs[0]
    assert first.page_content == "Design an alliance governance model"
    assert first.metadata["code"] == "II C.1" and first.metadata["kind"] == "item"
    assert first.metadata["title"] == "II C Alliance Governance" and first.metadata["flags"] == ["CSAP", "Core"]
    assert first.metadata["source"] and first.metadata["rank"] == 1


def test_filters_by_role_certification_and_kind(coach):
    senior = coach.as_retriever(k=5, role="senior").invoke("governance")
    assert senior and all(d.metadata["role"] == "senior" for d in senior)
    assert senior[0].metadata["code"] == "II C"
    csap_items = coach.as_retriever(k=10, cert="CSAP", kind="item").invoke("II C")
    assert [d.metadata["code"] for d in csap_items[:4]] == ["II C.1", "II C.2", "II C.3", "II C.5"]
    assert all("CSAP" in d.metadata["flags"] for d in csap_items)
    passages = coach.as_retriever(k=3, kind=["passage"]).invoke("what is a strategic alliance?")
    assert len(passages) == 3 and all(d.metadata["kind"] == "passage" and " § " in d.metadata["code"] for d in passages)


def test_the_batch_and_async_apis_of_langchain_work(coach):
    retriever = coach.as_retriever(k=2)
    batched = retriever.batch(["II C", "II M"])
    assert [docs[0].metadata["code"] for docs in batched] == ["II C", "II M"]
    docs = run_async(lambda: retriever.ainvoke("II A"))
    assert docs[0].metadata["code"] == "II A"


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"role": "boss"}, "role 'boss' is not a role; use mid, senior or executive"),
        ({"cert": "MBA"}, "unknown certification 'MBA'; use CA-AM or CSAP"),
        ({"kind": "table"}, "unknown record kind 'table'"),
        ({"k": 0}, "k=0 is out of range"),
    ],
)
def test_bad_arguments_say_what_to_use(coach, arguments, message):
    with pytest.raises(InputError, match=message):
        coach.as_retriever(**arguments)


def test_an_empty_query_or_unknown_code_is_a_clear_error(coach):
    with pytest.raises(InputError, match="the search text is empty"):
        coach.as_retriever().invoke("  ")
    with pytest.raises(Exception, match="II Z is not a code of the ASAP competency matrix"):
        coach.as_retriever().invoke("what is II Z?")
