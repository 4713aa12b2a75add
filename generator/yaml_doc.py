"""YAML parsed together with its node tree, so any field can be traced back to its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .source_text import SourceError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """Python data plus the composed nodes that carry line marks."""

    data: Any
    root: Node | None
    first_line: int  # file line of the YAML's first line

    def position(self, loc: tuple[Any, ...], *, at_key: bool = False) -> tuple[int, int]:
        """File (line, column) of the value at `loc`; of its key with at_key.

        Stops at the deepest node that exists, so a missing field points at its parent.
        """
        node, key_node = self.root, None
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


def parse_yaml(text: str, first_line: int) -> YamlDoc:
    """Parses one YAML document; any YAML fault becomes a SourceError at its file line."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        _reject_duplicate_keys(root, first_line)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        raise SourceError(_explain_yaml_error(exc), line, column) from None
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + first_line
        raise SourceError(f"the YAML cannot be read: {exc}", line) from None
    except RecursionError:
        raise SourceError("the YAML is nested too deeply to read", first_line) from None
    finally:
        loader.dispose()
    return YamlDoc(data, root, first_line)


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


def _mappings(root: Node | None) -> Iterator[MappingNode]:
    """Every mapping node once, even when aliases make the tree a graph."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            yield node
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _reject_duplicate_keys(root: Node | None, first_line: int) -> None:
    for mapping in _mappings(root):
        first_seen: dict[str, Node] = {}
        for key, _ in mapping.value:
            if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            if key.value in first_seen:
                earlier = first_seen[key.value].start_mark.line + first_line
                raise yaml.MarkedYAMLError(
                    problem=f"'{key.value}' appears twice (first on line {earlier}); keep only one",
                    problem_mark=key.start_mark,
                )
            first_seen[key.value] = key
