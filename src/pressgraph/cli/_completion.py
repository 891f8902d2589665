"""``pressgraph completion bash|zsh``: a shell completion script, generated from the parser.

Generated rather than written by hand, so that a new command or option completes the day it is
added. The script completes commands, each command's options, the values of options with a
fixed set (``--format``), the named queries after ``query``, and file names everywhere else.
zsh runs the bash script through ``bashcompinit``, as Typer and argcomplete do.

    source <(pressgraph completion bash)      # in ~/.bashrc
    source <(pressgraph completion zsh)       # in ~/.zshrc
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CommandWords:
    """What one command completes: its options, the fixed values of some, and its positionals."""

    name: str
    options: tuple[str, ...]
    option_values: dict[str, tuple[str, ...]]
    positional_values: tuple[str, ...]


def register(sub: Any) -> None:
    p = sub.add_parser("completion", help="print a shell completion script (bash or zsh)")
    p.add_argument("shell", choices=("bash", "zsh"), help="source <(pressgraph completion bash)")
    p.set_defaults(handler=_completion)


def _completion(args: argparse.Namespace) -> int:
    from pressgraph.cli import build_parser
    from pressgraph.cli._output import emit

    script = bash_script(build_parser())
    if args.shell == "zsh":
        script = ZSH_HEADER + script
    emit(script)
    return 0


def command_words(parser: argparse.ArgumentParser) -> tuple[tuple[str, ...], list[CommandWords]]:
    """The top-level options, and each command's words (in the order they were registered)."""
    top = tuple(o for a in parser._actions for o in a.option_strings if o.startswith("--"))
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return top, [_words(name, sp) for name, sp in subs.choices.items()]


def _words(name: str, parser: argparse.ArgumentParser) -> CommandWords:
    options: list[str] = []
    values: dict[str, tuple[str, ...]] = {}
    positional: tuple[str, ...] = ()
    for action in parser._actions:
        choices = tuple(str(c) for c in action.choices) if action.choices else ()
        if not action.option_strings:
            positional = choices or (_query_names() if name == "query" else ())
            continue
        long = [o for o in action.option_strings if o.startswith("--")]
        options += long
        if action.nargs != 0:
            values.update({o: choices for o in long})
    return CommandWords(name, tuple(options), values, positional)


def _query_names() -> tuple[str, ...]:
    from pressgraph.queries import list_queries

    return tuple(q.name for q in list_queries())


def _words_list(words: tuple[str, ...]) -> str:
    return shlex.quote(" ".join(words))


def bash_script(parser: argparse.ArgumentParser) -> str:
    """The bash completion function for ``parser``, with its ``complete`` line."""
    top, commands = command_words(parser)
    value_cases = []
    command_cases = []
    for c in commands:
        for option, choices in c.option_values.items():
            words = f'COMPREPLY=($(compgen -W {_words_list(choices)} -- "$cur"))' if choices else "COMPREPLY=()"
            value_cases.append(f"        {c.name}'|'{option}) {words}; return ;;")
        positional = f'compgen -W {_words_list(c.positional_values)} -- "$cur"' if c.positional_values else ""
        command_cases.append(
            f"        {c.name}) _pressgraph_words {_words_list(c.options)} {shlex.quote(positional)} ;;"
        )
    return BASH_TEMPLATE.format(
        top=_words_list((*top, *(c.name for c in commands))),
        value_cases="\n".join(value_cases),
        command_cases="\n".join(command_cases),
    )


BASH_TEMPLATE = """\
# pressgraph completion for bash; load it with: source <(pressgraph completion bash)
_pressgraph_words() {{
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$1" -- "$cur"))
    elif [[ -n "$2" ]]; then
        COMPREPLY=($(eval "$2"))
    else
        COMPREPLY=()
    fi
}}
_pressgraph() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in -*) ;; *) cmd="${{COMP_WORDS[i]}}"; break ;; esac
    done
    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W {top} -- "$cur"))
        return
    fi
    case "$cmd|$prev" in
{value_cases}
    esac
    case "$cmd" in
{command_cases}
    esac
}}
complete -o default -o bashdefault -F _pressgraph pressgraph
"""

ZSH_HEADER = """\
# pressgraph completion for zsh (the bash script through bashcompinit);
# load it with: source <(pressgraph completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
"""
