"""`playbook lsp`: a language server for drafts and playbook files, over stdio.

The server shows the same findings as the command line (it calls ``linter.api``), while the
writer types: diagnostics, quick fixes, hover, completion and go-to-definition of the
playbook's ids, and a live character counter per channel. Each feature is a small module of
pure functions from the project's state (``project.Project``) and a buffer to lsprotocol
values; ``wiring`` wires them to pygls and is the only module that talks to the client, once
``server`` (the entry point) has answered `initialize` through ``front``, before pygls is imported.
"""
