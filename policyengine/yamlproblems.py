"""What the YAML parser says when it gives up (PE001), in the catalogue's words. libyaml and PyYAML
write a context and a problem in English ("while parsing a flow mapping" / "did not find expected ','
or '}'"); each known sentence is a catalogue key of PE001, so a Chinese reader reads Chinese and the
English reads exactly as the parser wrote it. A sentence not in the tables is kept as written: nothing
is dropped, it is only left untranslated."""

from __future__ import annotations

import re

from .messages.core import Text, msg

# what the parser was reading when it gave up
CONTEXTS = {
    "while parsing a block mapping": "PE001.context.block_mapping",
    "while parsing a block collection": "PE001.context.block_collection",
    "while parsing a flow mapping": "PE001.context.flow_mapping",
    "while parsing a flow sequence": "PE001.context.flow_sequence",
    "while parsing a flow node": "PE001.context.flow_node",
    "while parsing a node": "PE001.context.node",
    "while parsing a block node": "PE001.context.block_node",
    "while parsing a quoted scalar": "PE001.context.parsing_quoted",
    "while scanning a quoted scalar": "PE001.context.scanning_quoted",
    "while scanning a double-quoted scalar": "PE001.context.double_quoted",
    "while scanning a plain scalar": "PE001.context.plain",
    "while scanning a simple key": "PE001.context.simple_key",
    "while scanning an alias": "PE001.context.alias",
    "while scanning an anchor": "PE001.context.anchor",
    "while scanning a tag": "PE001.context.tag",
    "while parsing a tag": "PE001.context.parsing_tag",
    "while scanning a block scalar": "PE001.context.block_scalar",
    "while scanning a directive": "PE001.context.directive",
    "while scanning for the next token": "PE001.context.next_token",
}

# what went wrong; `found` is what the parser met instead, as it quotes it ('-', '<stream end>')
PROBLEMS = (
    (re.compile(r"did not find expected key"), "PE001.problem.no_key"),
    (re.compile(r"did not find expected node content"), "PE001.problem.no_content"),
    (re.compile(r"did not find expected ',' or '\]'"), "PE001.problem.no_comma_bracket"),
    (re.compile(r"did not find expected ',' or '\}'"), "PE001.problem.no_comma_brace"),
    (re.compile(r"did not find expected '-' indicator"), "PE001.problem.no_dash"),
    (re.compile(r"did not find expected alphabetic or numeric character"), "PE001.problem.no_alnum"),
    (re.compile(r"did not find expected comment or line break"), "PE001.problem.no_line_break"),
    (re.compile(r"expected <block end>, but found (?P<found>.+)"), "PE001.problem.block_end"),
    (re.compile(r"expected ',' or '\]', but got (?P<found>.+)"), "PE001.problem.comma_bracket"),
    (re.compile(r"expected ',' or '\}', but got (?P<found>.+)"), "PE001.problem.comma_brace"),
    (re.compile(r"expected the node content, but found (?P<found>.+)"), "PE001.problem.content"),
    (re.compile(r"expected alphabetic or numeric character, but found (?P<found>.+)"), "PE001.problem.alnum"),
    (re.compile(r"expected chomping or indentation indicators, but found (?P<found>.+)"), "PE001.problem.chomping"),
    (re.compile(r"mapping values are not allowed here"), "PE001.problem.mapping_here"),
    (re.compile(r"mapping values are not allowed in this context"), "PE001.problem.mapping_context"),
    (re.compile(r"could not find expected ':'"), "PE001.problem.no_colon"),
    (re.compile(r"found unexpected end of stream"), "PE001.problem.end_of_stream"),
    (re.compile(r"found character that cannot start any token"), "PE001.problem.token"),
    (re.compile(r"found character (?P<found>.+) that cannot start any token"), "PE001.problem.token_found"),
    (re.compile(r"found undefined tag handle"), "PE001.problem.tag_handle"),
    (re.compile(r"found undefined tag handle (?P<found>.+)"), "PE001.problem.tag_handle_found"),
    (re.compile(r"found unknown escape character"), "PE001.problem.escape"),
    (re.compile(r"found unknown escape character (?P<found>.+)"), "PE001.problem.escape_found"),
    (re.compile(r"found unknown directive name"), "PE001.problem.directive"),
    (re.compile(r"could not find expected directive name"), "PE001.problem.no_directive"),
    (re.compile(r"found unexpected non-alphabetical character"), "PE001.problem.directive_character"),
    (re.compile(r"sequence entries are not allowed here"), "PE001.problem.dash_here"),
    (re.compile(r"block sequence entries are not allowed in this context"), "PE001.problem.dash_context"),
    (re.compile(r"mapping keys are not allowed here"), "PE001.problem.question_here"),
    (re.compile(r"mapping keys are not allowed in this context"), "PE001.problem.question_context"),
    (re.compile(r"did not find expected <document start>"), "PE001.problem.no_document_start"),
    (re.compile(r"expected '<document start>', but found (?P<found>.+)"), "PE001.problem.document_start"),
    (re.compile(r"found a tab character where an indentation space is expected"), "PE001.problem.tab"),
    (re.compile(r"found a tab character that violates indentation"), "PE001.problem.tab_indentation"),
    (re.compile(r"found unexpected ':'"), "PE001.problem.colon"),
    (re.compile(r"expected a comment or a line break, but found (?P<found>.+)"), "PE001.problem.line_break"),
    (re.compile(r"did not find expected whitespace or line break"), "PE001.problem.no_space"),
    (re.compile(r"expected ' ', but found (?P<found>.+)"), "PE001.problem.space"),
    (re.compile(r"did not find expected tag URI"), "PE001.problem.no_tag"),
    (re.compile(r"expected URI, but found (?P<found>.+)"), "PE001.problem.tag"),
    (re.compile(r"expected '!', but found (?P<found>.+)"), "PE001.problem.tag_end"),
    (re.compile(r"did not find URI escaped octet"), "PE001.problem.no_tag_escape"),
    (
        re.compile(r"expected URI escape sequence of 2 hexadecimal numbers, but found (?P<found>.+)"),
        "PE001.problem.tag_escape",
    ),
)


def _problem(text: str) -> Text:
    for pattern, key in PROBLEMS:
        match = pattern.fullmatch(text)
        if match is not None:
            return msg(key, **match.groupdict())
    return text


def described(context: object, problem: object) -> Text | None:
    """The parser's context and problem as one message (None when it said neither)."""
    parts: list[Text] = []
    if context:
        parts.append(msg(CONTEXTS[str(context)]) if str(context) in CONTEXTS else str(context))
    if problem:
        parts.append(_problem(str(problem)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else msg("PE001.parsed", context=parts[0], problem=parts[1])


__all__ = ["CONTEXTS", "PROBLEMS", "described"]
