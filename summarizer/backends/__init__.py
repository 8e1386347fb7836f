"""The only place that knows model providers: building clients and reading their failures.

Every backend speaks the OpenAI chat-completions protocol; they differ only in base URL,
key and instructor mode (:mod:`.client`). A ``local`` backend is a llama.cpp server this
package starts on a GGUF file (:mod:`.local_server`, :mod:`.model_file`). What a failed
request means, and what the user should do about it, is in :mod:`.failures`. The spaCy
pipeline that parses articles is found, or fetched once, by :mod:`.parser_model`.
"""

from summarizer.backends.client import CRASH_FIX, Served, connect, make_async_client, make_client, serving
from summarizer.backends.failures import explain, is_transient, redact, retry_after, shorten
from summarizer.backends.parser_model import parser_location

__all__ = [
    "CRASH_FIX",
    "Served",
    "connect",
    "explain",
    "is_transient",
    "make_async_client",
    "make_client",
    "parser_location",
    "redact",
    "retry_after",
    "serving",
    "shorten",
]
