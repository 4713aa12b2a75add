"""YAML parsed together with its node tree, so any field can be traced back to its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .pasted_text import plain_structure_spaces, straighten_curly_quotes
from .source_text import SourceError


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML without YAML 1.1's base-60 numbers: `duration: 4:30` is the text "4:30", not 270."""


INT, FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in (INT, FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(INT, re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
                             list("-+0123456789"))
Loader.add_implicit_resolver(FLOAT, re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+"
                                               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))


@dataclass
class YamlDoc:
    """Python data plus the composed nodes that carry line marks."""

    data: Any
    root: Node | None
    first_line: int  # file line of the YAML's first line
    text: str = ""  # composed into `root` only when a position is asked for

    def _root(self) -> Node | None:
        if self.root is None and self.text:
            self.root = yaml.compose(self.text, Loader=Loader)
            self.text = ""
        return self.root

    def position(self, loc: tuple[Any, ...], *, at_key: bool = False) -> tuple[int, int]:
        """File (line, column) of the value at `loc`; of its key with at_key.

        Stops at the deepest node that exists, so a missing field points at its parent.
        """
        node, key_node = self._root(), None
        for part in loc:
            if part == "[key]" and key_node is not None:
                node = key_node
                break
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        target = key_node if at_key and key_node is not None else node
        return self._mark(target)

    def _mark(self, node: Node | None) -> tuple[int, int]:
        if node is None:
            return self.first_line, 1
        return node.start_mark.line + self.first_line, node.start_mark.column + 1


def _child(node: Node | None, part: Any) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return key, value
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


class _DuplicateCheckingLoader(Loader):
    """Refuses a key given twice in one mapping (plain YAML keeps the last one silently)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_seen: dict[str, Node] = {}
        for key, _ in node.value:
            if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            if key.value in first_seen:
                raise yaml.MarkedYAMLError(
                    problem=f"'{key.value}' appears twice (first on line {{first}}); keep only one",
                    problem_mark=key.start_mark,
                    context_mark=first_seen[key.value].start_mark,
                )
            first_seen[key.value] = key
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def parse_yaml(text: str, first_line: int) -> YamlDoc:
    """Parses one YAML document; any YAML fault becomes a SourceError at its file line.

    Node marks are composed again only when a problem needs a line: most files have none.
    Curly quotes around a whole value are read as quotes, and no-break spaces in the indentation
    as spaces (pasted_text.py).
    """
    text = straighten_curly_quotes(plain_structure_spaces(text))
    if "*" in text:
        _refuse_aliases(text, first_line)
    loader = _DuplicateCheckingLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        if exc.problem and "{first}" in exc.problem and exc.context_mark:
            exc.problem = exc.problem.replace("{first}", str(exc.context_mark.line + first_line))
            exc.context_mark = None
        explained = _explain_mistake(exc, text, first_line)
        if explained is not None:
            raise SourceError(*explained) from None
        raise SourceError(_explain_yaml_error(exc), line, column) from None
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + first_line
        raise SourceError(f"the YAML cannot be read: {exc}", line) from None
    except RecursionError:
        raise SourceError("the YAML is nested too deeply to read", first_line) from None
    finally:
        loader.dispose()
    return YamlDoc(data, None, first_line, text)


def _refuse_aliases(text: str, first_line: int) -> None:
    """Aliases ('*name') repeat a value defined elsewhere; a few lines of them can expand to
    billions of values (a 'billion laughs'), so content files may not use them."""
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, None)
                raise SourceError(
                    f"invalid YAML: '*{event.anchor}' is a YAML alias, which content files may not use; "
                    "write the value out in full, or put text that starts with '*' in quotes", line, column)
    except yaml.YAMLError:
        return  # not valid YAML anyway: parsing it reports where


def _explain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; a value that contains ': ' must be put in quotes, like title: \"Rule one: listen\""
    elif "found character '\\t'" in problem:
        hint = "; indent with spaces, not tabs"
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        hint = "; check the indentation of this line against the lines above it"
    elif "found undefined alias" in problem or "found unhashable key" in problem:
        hint = "; '*' and '&' have a special meaning in YAML: put the text in quotes"
    elif "could not determine a constructor" in problem:
        hint = "; '!' starts a YAML tag: put the text in quotes"
    return f"invalid YAML: {problem}{hint}"




def _explain_mistake(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> tuple[str, int, int] | None:
    """The common mistakes, each at the line where it was made, with the fix: (message, line, column).

    PyYAML often notices a mistake a line later (a missing ':' when it reads the next field) and
    names it in its own terms ("found character '\\t' that cannot start any token").
    """
    problem, mark, context = exc.problem or "", exc.problem_mark, exc.context_mark
    lines = text.split("\n")

    def at(node_mark: yaml.Mark) -> tuple[int, int]:
        return node_mark.line + first_line, node_mark.column + 1

    line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and ("'\\t'" in problem or line_text[mark.column:mark.column + 1] == "\t"):
        return ("invalid YAML: a tab character here; YAML indents with spaces only: replace the tab with spaces "
                "(two for each level, lined up with the fields above)", *at(mark))
    if context is not None and "could not find expected ':'" in problem:
        written = lines[context.line].strip() if context.line < len(lines) else ""
        name, _, rest = written.partition(" ")
        fix = f": write it as {name}: {rest}" if name and rest else ": add ':' after the field name"
        return (f"invalid YAML: this line has no ':' after its field name{fix}", *at(context))
    if context is not None and "found unexpected end of stream" in problem and "quoted scalar" in (exc.context or ""):
        quote = lines[context.line][context.column] if context.line < len(lines) and context.column < len(lines[context.line]) else '"'
        return (f"invalid YAML: this quote ({quote}) is never closed; end the value with {quote} on the same line",
                *at(context))
    if context is not None and "flow sequence" in (exc.context or "") and "expected ',' or ']'" in problem:
        return ("invalid YAML: this list in [ ] is not closed; end it with ] on the same line, like: "
                "themes: [ownership, initiative]", *at(context))
    return None
