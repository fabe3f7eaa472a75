"""PyYAML's words for a syntax error, in the run's language (PB004's message).

PyYAML has a finite set of problems (its scanner and parser, and libyaml's, which the fast loader
uses and words differently): each known one maps to a message id of our catalog. The pure-Python
scanner adds the character it found (``found character '\\t' that cannot start any token``): that
part is dropped, the finding's column already points at it. A problem a newer PyYAML adds keeps the
library's text, quoted and introduced by our own words, so nothing is ever lost nor crashes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from linter.core.i18n import N_, Language

_NOT_HERE = N_("a key's value (after ': ') is not allowed here")
_NO_KEY_HERE = N_("an explicit key ('? ') is not allowed here")
_NO_ITEM_HERE = N_("a list item ('- ') is not allowed here")
_UNCLOSED_LIST = N_("expected ',' or ']': a list opened with '[' is not closed")
_UNCLOSED_MAPPING = N_("expected ',' or '}': a mapping opened with '{' is not closed")
_UNKNOWN_ESCAPE = N_("unknown escape sequence after a backslash inside double quotes")
_TAB = N_("a tab character where YAML expects spaces")
_CANNOT_START = N_("a character that cannot start a value here")
_VALUE_EXPECTED = N_("a value was expected here")
_SEPARATOR = N_("unexpected document separator ('---' or '...')")
_VERSION = N_("the file declares a YAML version this tool does not read (1.x is required)")
_INDICATOR_0 = N_("a block's indentation indicator must be between 1 and 9")
_NAME_CHARACTER = N_("a letter, a digit, '-' or '_' was expected here")
_SPACE = N_("a space or the end of the line was expected here")
_COMMENT = N_("a comment or the end of the line was expected here")
_TAG = N_("this tag is not written correctly")
_DIRECTIVE = N_("this directive (a line starting with %) is not written correctly")
_ESCAPE_CODE = N_("a character code after \\x, \\u or \\U is not written correctly")

PROBLEMS: Mapping[str, str] = {
    # libyaml (yaml.CSafeLoader)
    "found character that cannot start any token": _CANNOT_START,
    "found a tab character that violates indentation": _TAB,
    "found a tab character where an indentation space is expected": _TAB,
    "mapping values are not allowed in this context": _NOT_HERE,
    "mapping keys are not allowed in this context": _NO_KEY_HERE,
    "block sequence entries are not allowed in this context": _NO_ITEM_HERE,
    "could not find expected ':'": N_("expected ':' after this key"),
    "did not find expected key": N_("a key was expected here: the indentation is off"),
    "did not find expected '-' indicator": N_("a list item ('- ') was expected here: the indentation is off"),
    "did not find expected ',' or ']'": _UNCLOSED_LIST,
    "did not find expected ',' or '}'": _UNCLOSED_MAPPING,
    "did not find expected node content": _VALUE_EXPECTED,
    "found unexpected end of stream": N_("the file ends before what was opened is closed"),
    "found unknown escape character": _UNKNOWN_ESCAPE,
    "found unexpected ':'": N_("unexpected ':'"),
    "found unexpected document indicator": _SEPARATOR,
    "found incompatible YAML document": _VERSION,
    "found an indentation indicator equal to 0": _INDICATOR_0,
    "did not find expected alphabetic or numeric character": _NAME_CHARACTER,
    "did not find expected whitespace or line break": _SPACE,
    "did not find expected whitespace": _SPACE,
    "did not find expected comment or line break": _COMMENT,
    "did not find expected <document start>": N_("expected the start of a document ('---')"),
    "found undefined tag handle": _TAG,
    "did not find expected tag URI": _TAG,
    "did not find URI escaped octet": _TAG,
    "did not find expected '!'": _TAG,
    "did not find the expected '>'": _TAG,
    "found invalid Unicode character escape code": _ESCAPE_CODE,
    "did not find expected hexdecimal number": _ESCAPE_CODE,
    "found duplicate %YAML directive": _DIRECTIVE,
    "found duplicate %TAG directive": _DIRECTIVE,
    "could not find expected directive name": _DIRECTIVE,
    "found unknown directive name": _DIRECTIVE,
    "found unexpected non-alphabetical character": _DIRECTIVE,
    "did not find expected digit or '.' character": _DIRECTIVE,
    "did not find expected version number": _DIRECTIVE,
    "found extremely long version number": _DIRECTIVE,
    # PyYAML's pure-Python scanner and parser (yaml.SafeLoader), once the character found is dropped
    "mapping values are not allowed here": _NOT_HERE,
    "mapping keys are not allowed here": _NO_KEY_HERE,
    "sequence entries are not allowed here": _NO_ITEM_HERE,
    "expected ',' or ']'": _UNCLOSED_LIST,
    "expected ',' or '}'": _UNCLOSED_MAPPING,
    "expected the node content": _VALUE_EXPECTED,
    "expected <block end>": N_("the indentation is off: this line does not line up with the ones above"),
    "invalid indentation or unclosed '[' or '{'": N_("wrong indentation, or a '[' or '{' that is not closed"),
    "found unexpected document separator": _SEPARATOR,
    "found incompatible YAML document (version 1.* is required)": _VERSION,
    "expected indentation indicator in the range 1-9": _INDICATOR_0,
    "expected alphabetic or numeric character": _NAME_CHARACTER,
    "expected ' '": _SPACE,
    "expected a comment or a line break": _COMMENT,
    "expected '<document start>'": N_("expected the start of a document ('---')"),
    "expected URI": _TAG,
    "expected URI escape sequence of 2 hexadecimal numbers": _TAG,
    "expected '!'": _TAG,
    "expected '>'": _TAG,
    "found non-specific tag '!'": _TAG,
    "expected escape sequence of 2 hexadecimal numbers": _ESCAPE_CODE,
    "expected escape sequence of 4 hexadecimal numbers": _ESCAPE_CODE,
    "expected escape sequence of 8 hexadecimal numbers": _ESCAPE_CODE,
    "expected chomping or indentation indicators": N_("after | or >, only +, - or a digit may follow"),
    "found duplicate YAML directive": _DIRECTIVE,
    "duplicate tag handle": _DIRECTIVE,
    "expected a digit": _DIRECTIVE,
    "expected a digit or '.'": _DIRECTIVE,
    "expected a digit or ' '": _DIRECTIVE,
}

_WHILE_VALUE = N_("while reading a value")
_WHILE_QUOTED = N_("while reading a value in quotes")
_WHILE_DIRECTIVE = N_("while reading a directive")
_WHILE_TAG = N_("while reading a tag")
CONTEXTS: Mapping[str, str] = {
    "while scanning for the next token": N_("while looking for what comes next"),
    "while scanning a simple key": N_("while reading a key"),
    "while scanning a plain scalar": _WHILE_VALUE,
    "while scanning a quoted scalar": _WHILE_QUOTED,
    "while scanning a double-quoted scalar": _WHILE_QUOTED,
    "while parsing a quoted scalar": _WHILE_QUOTED,
    "while scanning a block scalar": N_("while reading a block of text (| or >)"),
    "while parsing a block mapping": N_("while reading the keys of a mapping"),
    "while parsing a block collection": N_("while reading a list or a mapping"),
    "while parsing a flow sequence": N_("while reading a list in square brackets"),
    "while parsing a flow mapping": N_("while reading a mapping in curly brackets"),
    "while parsing a block node": _WHILE_VALUE,
    "while parsing a flow node": _WHILE_VALUE,
    "while parsing a node": _WHILE_VALUE,
    "while scanning an anchor": N_("while reading an anchor (&)"),
    "while scanning an alias": N_("while reading an alias (*)"),
    "while scanning a tag": _WHILE_TAG,
    "while parsing a tag": _WHILE_TAG,
    "while scanning a directive": _WHILE_DIRECTIVE,
    "while scanning a %YAML directive": _WHILE_DIRECTIVE,
    "while scanning a %TAG directive": _WHILE_DIRECTIVE,
    "while scanning a tag directive": _WHILE_DIRECTIVE,
    "while parsing a tag directive": _WHILE_DIRECTIVE,
    "while parsing a %TAG directive": _WHILE_DIRECTIVE,
    "while increasing block level": N_("while opening a deeper level"),
    "while increasing flow level": N_("while opening a deeper level"),
}

# The pure-Python scanner names the character it found; the libyaml wording, or the text before it, is the key.
_PYTHON_FORMS = (
    (re.compile(r"found character .* that cannot start any token", re.S),
     "found character that cannot start any token"),
    (re.compile(r"found unknown escape character .*", re.S), "found unknown escape character"),
    (re.compile(r"found undefined tag handle .*", re.S), "found undefined tag handle"),
    (re.compile(r"duplicate tag handle .*", re.S), "duplicate tag handle"),
    (re.compile(r"(.*?),? but (?:found|got) .*", re.S), None),  # "expected ' ', but found 'x'"
)


def _known(text: str) -> str | None:
    text = text.strip()
    if text in PROBLEMS:
        return PROBLEMS[text]
    for pattern, replacement in _PYTHON_FORMS:
        match = pattern.fullmatch(text)
        if match:
            return PROBLEMS.get(replacement or match.group(1))
    return None


def yaml_problem(text: str, lang: Language) -> str:
    """PyYAML's problem in ``lang``; one it does not know, quoted after our own words."""
    known = _known(text)
    return lang(known) if known else lang("the YAML reader says {text}", text=lang.quote(text.strip()))


def yaml_context(text: str, lang: Language) -> str:
    """PyYAML's context (``while scanning a simple key``) in ``lang``, or quoted after our own words."""
    known = CONTEXTS.get(text.strip())
    return lang(known) if known else lang("the YAML reader says {text}", text=lang.quote(text.strip()))
