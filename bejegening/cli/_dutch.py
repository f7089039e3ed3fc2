"""Dutch for typer's own text: usage line, help option, panel titles, types and usage errors.

Typer (0.2x) carries its own copy of click with English messages as plain strings (no
gettext), so they cannot be translated with a message catalogue. Instead the application uses
the command classes below (``cls=`` of :class:`typer.Typer` and of every command), which

- write the usage line as ``Gebruik: bejegening check [OPTIES] [MAP]``;
- give the help option (``-h``, ``--help``) and the completion options a Dutch text;
- show value types in Dutch (``<tekst>``, ``<map>``, ``<getal>``) and nothing for on/off flags;
- catch usage errors (unknown option, bad value, missing argument …) and print them in Dutch
  on stderr, exit 2; with ``--format json`` also a JSON object on stdout.

:func:`translate_usage_error` turns typer's English messages into Dutch by pattern; an unknown
message is shown as it is (never lost).

Help is plain text written here (usage, description, ``Argumenten``, ``Opties``,
``Opdrachten``), not typer's rich panels: ``typer.rich_utils`` imports rich's Markdown, syntax
highlighting (pygments) and traceback modules, about 0,4 s, more than the whole start-up may
take. :func:`dutch_help_labels` still sets typer's rich labels for anyone who renders rich help
from this application.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from bejegening.cli._output import EXIT_DATA, EXIT_OK, EXIT_USAGE, failure_document, message_error

__all__ = [
    "DutchCommand",
    "DutchGroup",
    "dutch_help_labels",
    "translate_usage_error",
]

HELP_TEXT = "Toon deze hulp en stop."
USAGE_PREFIX = "Gebruik: "
OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "OPDRACHT [ARGUMENTEN]..."

_COMPLETION_HELP = {
    "install_completion": "Installeer tab-aanvulling voor de huidige shell (bash, zsh, fish, PowerShell).",
    "show_completion": "Toon het script voor tab-aanvulling, om het zelf te installeren.",
}

_TYPE_LABELS = {
    "str": "tekst",
    "path": "pad",
    "directory": "map",
    "file": "bestand",
    "int": "getal",
    "int range": "getal",
    "float": "getal",
    "float range": "getal",
}

_PANEL_LABELS = {
    "DEPRECATED_STRING": "(verouderd) ",
    "DEFAULT_STRING": "[standaard: {}]",
    "ENVVAR_STRING": "[omgevingsvariabele: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "ERRORS_PANEL_TITLE": "Fout",
    "ABORTED_TEXT": "Afgebroken.",
    "RICH_HELP": "Hulp: '{command_path} {help_option}'.",
}


def dutch_help_labels() -> None:
    """Set typer's help panel titles and labels (module constants of ``typer.rich_utils``)."""
    from typer import rich_utils  # noqa: PLC0415  (loaded only when help is shown)

    for name, text in _PANEL_LABELS.items():
        setattr(rich_utils, name, text)


_Rule = tuple[str, Callable[[re.Match[str]], str]]
"""A pattern (compiled on first use, through ``re``'s own cache: a fast start) and its Dutch."""


def _rule(pattern: str, dutch: str | Callable[[re.Match[str]], str]) -> _Rule:
    if isinstance(dutch, str):
        template = dutch
        return pattern, lambda match: match.expand(template)
    return pattern, dutch


def _type_name(name: str) -> str:
    return {"path": "pad", "file": "bestand", "directory": "map"}.get(name.lower(), name)


_MESSAGE_RULES: tuple[_Rule, ...] = (
    _rule(r"^No such option: (.+?) \(Possible options: (.+)\)$", r"onbekende optie \1 (bedoelde u \2?)"),
    _rule(r"^No such option: (.+)$", r"onbekende optie \1"),
    _rule(r"^No such command '(.+?)'\. Did you mean (.+)\?$", r"onbekende opdracht '\1' (bedoelde u \2?)"),
    _rule(r"^No such command '(.+?)'\.$", r"onbekende opdracht '\1'"),
    _rule(r"^Missing command\.$", "geen opdracht gegeven"),
    _rule(r"^Missing argument '(.+?)'\.(.*)$", r"argument \1 ontbreekt\2"),
    _rule(r"^Missing option '(.+?)'\.(.*)$", r"optie \1 ontbreekt\2"),
    _rule(r"^Missing parameter: (.+)$", r"\1 ontbreekt"),
    _rule(r"^Option '(.+?)' requires an argument\.$", r"optie \1 heeft een waarde nodig"),
    _rule(r"^Option '(.+?)' requires (\d+) arguments\.$", r"optie \1 heeft \2 waarden nodig"),
    _rule(r"^Option '(.+?)' does not take a value\.$", r"optie \1 heeft geen waarde"),
    _rule(r"^Got unexpected extra argument(?:\(s\)|s)? \((.+)\)$", r"onverwacht extra argument: \1"),
    _rule(r"^Argument '(.+?)' takes (\d+) values\.$", r"argument \1 heeft \2 waarden nodig"),
    _rule(
        r"^Invalid value for (.+?): (.+)$", lambda m: f"ongeldige waarde voor {m[1]}: {_value_message(m[2])}"
    ),
    _rule(r"^Invalid value: (.+)$", lambda m: f"ongeldige waarde: {_value_message(m[1])}"),
)

_VALUE_RULES: tuple[_Rule, ...] = (
    _rule(r"^Value error, (.+)$", lambda m: _value_message(m[1])),
    _rule(r"^Input should be greater than or equal to (.+)$", r"moet minstens \1 zijn"),
    _rule(r"^Input should be greater than (.+)$", r"moet groter zijn dan \1"),
    _rule(r"^Input should be less than or equal to (.+)$", r"mag hoogstens \1 zijn"),
    _rule(r"^Input should be less than (.+)$", r"moet kleiner zijn dan \1"),
    _rule(r"^Input should be a valid integer.*$", "verwacht een geheel getal"),
    _rule(r"^Input should be a valid (?:number|float).*$", "verwacht een getal"),
    _rule(r"^Input should be a valid boolean.*$", "verwacht ja of nee (true/false)"),
    _rule(r"^Input should be a valid string.*$", "verwacht tekst"),
    _rule(r"^Value must be an iterable\.$", "verwacht een lijst van waarden"),
    _rule(r"^(.+?) is not one of (.+)\.$", r"\1 is geen van \2"),
    _rule(r"^Value (.+?) is not a valid (?:integer|int)\.$", r"\1 is geen geheel getal"),
    _rule(r"^Value (.+?) is not a valid float\.$", r"\1 is geen getal"),
    _rule(r"^Value (.+?) is not a valid (.+)\.$", r"\1 is geen geldige \2"),
    _rule(r"^(.+?) is not in the range (.+)\.$", r"\1 ligt niet in het bereik \2"),
    _rule(
        r"^(?i:(path|file|directory)) (.+?) does not exist\.$",
        lambda m: f"{_type_name(m[1])} {m[2]} bestaat niet",
    ),
    _rule(
        r"^(?i:(path|file|directory)) (.+?) is a file\.$",
        lambda m: f"{_type_name(m[1])} {m[2]} is een bestand",
    ),
    _rule(
        r"^(?i:(path|file|directory)) (.+?) is a directory\.$",
        lambda m: f"{_type_name(m[1])} {m[2]} is een map",
    ),
    _rule(
        r"^(?i:(path|file|directory)) (.+?) is not readable\.$",
        lambda m: f"{_type_name(m[1])} {m[2]} is niet leesbaar",
    ),
    _rule(
        r"^(?i:(path|file|directory)) (.+?) is not writable\.$",
        lambda m: f"{_type_name(m[1])} {m[2]} is niet schrijfbaar",
    ),
)


def _translate(message: str, rules: Sequence[_Rule]) -> str:
    for pattern, dutch in rules:
        match = re.match(pattern, message.strip(), re.DOTALL)
        if match:
            return dutch(match)
    return message


def _value_message(message: str) -> str:
    return _translate(message, _VALUE_RULES)


def translate_usage_error(message: str) -> str:
    """Typer's English usage-error message in Dutch (unknown messages are returned unchanged)."""
    translated = _translate(message, _MESSAGE_RULES)
    if translated is message:
        translated = _value_message(message)
    return translated


def _dutch_display_type(param: TyperArgument | TyperOption) -> Callable[..., str | None]:
    original: Callable[[Any, Any], str | None] = type(param).display_type_rich

    def display_type_rich(ctx: Any) -> str | None:
        if isinstance(param, TyperOption) and (param.is_flag or param.count):
            return None
        label = original(param, ctx)
        if label is None:
            return label
        inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
        return f"<{_TYPE_LABELS.get(inner, inner)}>"

    return display_type_rich


def _wants_json(args: Sequence[str]) -> bool:
    for index, arg in enumerate(args):
        if arg == "--format=json" or (arg == "--format" and args[index + 1 : index + 2] == ["json"]):
            return True
    return False


class _DutchMixin:
    """Shared by the group and its commands; see the module docstring."""

    params: list[Any]
    options_metavar: str | None

    def _dutch_params(self) -> None:
        self.options_metavar = OPTIONS_METAVAR
        for param in self.params:
            if getattr(param, "_dutch", False):
                continue
            param._dutch = True
            if isinstance(param, TyperArgument | TyperOption):
                param.display_type_rich = _dutch_display_type(param)  # type: ignore[method-assign]
                if param.name in _COMPLETION_HELP:
                    param.help = _COMPLETION_HELP[param.name]

    def get_params(self, ctx: Any) -> list[Any]:
        self._dutch_params()  # typer adds some options (completion) after __init__
        return super().get_params(ctx)  # type: ignore[misc, no-any-return]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.help != HELP_TEXT:
            option.help = HELP_TEXT
            option.display_type_rich = _dutch_display_type(option)
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.params:
            if isinstance(param, TyperArgument):
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Plain Dutch help: usage, description, arguments, options, commands (no rich)."""
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)  # type: ignore[attr-defined]
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            row = (record[0], _dutch_extra(record[1]))
            (arguments if param.param_type_name == "argument" else options).append(row)
        for title, rows in (("Argumenten", arguments), ("Opties", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
        self.format_commands(ctx, formatter)
        self.format_epilog(ctx, formatter)  # type: ignore[attr-defined]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The group's commands with the first paragraph of their help (none for a command)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(  # type: ignore[misc]
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except typer.Abort:
            typer.echo("Afgebroken.", err=True)
            result = EXIT_DATA
        except Exception as exc:
            from typer._click.exceptions import UsageError  # noqa: PLC0415

            if not isinstance(exc, UsageError):
                raise
            _show_usage_error(exc, argv)
            result = EXIT_USAGE
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else EXIT_OK)


def _show_usage_error(exc: Any, argv: Sequence[str]) -> None:
    from rich.console import Console  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    message = translate_usage_error(exc.format_message())
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage()
        help_name = (ctx.help_option_names or ["--help"])[-1]
        console.print(Text(usage))
        console.print(Text(f"Hulp: '{ctx.command_path} {help_name}'."))
    console.print(Text(f"Fout: {message}", style="red"))
    if _wants_json(argv):
        typer.echo(failure_document(EXIT_USAGE, [message_error(message)]))


_EXTRA = re.compile(r"(?:^|  )\[([^\[]*)\]$")
"""The bracket typer appends after two spaces (or alone when there is no help text)."""
_EXTRA_WORDS = (
    (re.compile(r"^default: "), "standaard: "),
    (re.compile(r"^env var: "), "omgevingsvariabele: "),
    (re.compile(r"^required$"), "verplicht"),
)


def _dutch_extra(help_text: str) -> str:
    """Typer's ``[default: x; required]`` after an option's help, in Dutch."""
    match = _EXTRA.search(help_text)
    if match is None:
        return help_text
    parts = []
    for english in match.group(1).split("; "):
        part = english
        for pattern, dutch in _EXTRA_WORDS:
            part = pattern.sub(dutch, part)
        parts.append(part)
    return help_text[: match.start(1) - 1] + "[" + "; ".join(parts) + "]"


def _first_paragraph(text: str | None) -> str:
    import inspect  # noqa: PLC0415  (only for help)

    return " ".join(inspect.cleandoc(text or "").partition("\f")[0].split("\n\n")[0].split())


class DutchCommand(_DutchMixin, TyperCommand):
    """A typer command with Dutch help and usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR


class DutchGroup(_DutchMixin, TyperGroup):
    """The typer group (``bejegening``) with Dutch help and usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*super().collect_usage_pieces(ctx), SUBCOMMAND_METAVAR]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, _first_paragraph(command.short_help or command.help)))
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)
