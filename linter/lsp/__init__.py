"""``newslint server``: a Language Server Protocol server (optional extra ``newslint[lsp]``).

``positions`` converts offsets to the client's position encoding, ``documents`` finds each
document's configuration and lints it with the command line's own functions, ``translate``
turns findings and fixes into LSP diagnostics, code actions and hovers, and ``server`` is the
pygls glue. Only ``server`` and ``translate`` import pygls or lsprotocol.
"""
