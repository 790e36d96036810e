"""The coach in the tools people already use: its five tools (`tools`), served over MCP (`mcp_server`:
streamable HTTP in the app, stdio for `coach mcp`), an OpenAI-compatible chat endpoint (`openai_api`) and a
LangChain retriever (`retriever`). Each is a thin edge over the same Coach, so every interface answers the
same way as the page, the CLI and `POST /api/ask`.

Heavy or optional libraries (mcp, langchain-core) are imported by the module that needs them, not here.
"""
