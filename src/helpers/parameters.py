"""Notebook parameters: each notebook's `parameters` cell is their one declaration; values are checked against it.

Every line of a parameters cell declares one parameter, its type, default, allowed values and meaning:

    near_duplicate_threshold: float = 0.8  # (0, 1]: MinHash similarity from which an article is a near-duplicate

`name: type = default  # allowed: meaning`, where type is str, int, float or bool and allowed is one of

    one of a, b, c          the value is one of these words
    [lo, hi]  (lo, hi]      a number in the interval (square bracket: the bound is included)
    at least n, more than n a number from n on, or above n
    true or false           a bool
    folder   file           an existing folder or file
    folder or ''  file or ''     the same, or '' for none
    output folder           a folder the run may write into (helpers.output_folder says which)
    language code           two lower-case letters (ISO 639-1)

Paths (`resolve_path`). A path parameter's default names one of the repository's own files or folders and is
written from the repository's root (`"data/corrections.csv"`), so a notebook finds it whatever folder it runs
in. A path the user gives is taken from the folder the command was run in (the runner's working folder, or
the kernel's under papermill and JupyterLab). Either is resolved once to an absolute path and checked before
any work. An optional file or folder (`file or ''`) left at its default and absent means none; one the user
names and that is absent is refused, naming the parameter.

papermill reads the same lines (`papermill --help-notebook` prints name, type, default and the comment); the
runner (`--list-parameters`, and its checks before the first notebook starts) and each notebook's own first
cell after the parameters cell (`check_notebook_parameters`) read them with `read_declarations`.
"""
from __future__ import annotations

import ast
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.paths import NOTEBOOKS_DIR, REPO_DIR

TYPES = {"str": str, "int": int, "float": float, "bool": bool}
_DECLARATION = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*=\s*(?P<default>[^#]*?)\s*#\s*(?P<allowed>[^:]+?)\s*:\s*(?P<meaning>\S.*?)\s*$"
)
_INTERVAL = re.compile(r"^(?P<open>[\[(])\s*(?P<low>[-+0-9.e_]+)\s*,\s*(?P<high>[-+0-9.e_]+)\s*(?P<close>[\])])$")
_BOUND = re.compile(r"^(?P<op>at least|more than)\s+(?P<low>[-+0-9.e_]+)$")
_PATH_KINDS = {"folder", "file", "folder or ''", "file or ''"}
# Set by `python -m helpers.notebooks refresh` in the kernels it starts: only then may a notebook write data/seeds.
REFERENCE_RUN_ENV = "WORKBOOK_REFERENCE_RUN"
_WORD_KINDS = {"true or false", "output folder", "language code"}
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class ParameterError(ValueError):
    """A parameter declaration or value the workbook cannot use; the message names the parameter."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: `name: type = default  # allowed: meaning`."""

    name: str
    type_name: str
    default: object
    allowed: str
    meaning: str
    line: str  # the declaration as written in the parameters cell

    def expects(self) -> str:
        """What a value must be, in words: 'an integer in [20, 600]', "one of 'ucdp', 'acled', 'range'"..."""
        noun = {"int": "an integer", "float": "a number", "str": "a text", "bool": "true or false"}[self.type_name]
        allowed = self.allowed
        if allowed.startswith("one of "):
            return "one of " + ", ".join(repr(choice) for choice in self.choices())
        if _INTERVAL.match(allowed):
            return f"{noun} in {allowed}"
        if _BOUND.match(allowed):
            return f"{noun} {allowed}"
        return {
            "true or false": "true or false",
            "folder": "an existing folder",
            "file": "an existing file",
            "folder or ''": "an existing folder, or '' for none",
            "file or ''": "an existing file, or '' for none",
            "output folder": "a folder the run may write into",
            "language code": "a two-letter language code such as 'en'",
        }[allowed]

    def choices(self) -> list[str]:
        """The words of a `one of a, b, c` declaration."""
        return [word.strip() for word in self.allowed[len("one of "):].split(",")]

    def refuse(self, value: object) -> ParameterError:
        """The error for a value this parameter does not accept: names the parameter, the value and what it expects."""
        return ParameterError(f"parameter {self.name}: got {value!r}, expects {self.expects()} ({self.meaning})")

    @property
    def is_path(self) -> bool:
        """A folder, a file or an output folder: a value that resolve_path makes absolute."""
        return self.allowed in _PATH_KINDS or self.allowed == "output folder"

    def resolve_path(self, value: str, given_from: Path | None = None) -> str:
        """The absolute path a path parameter's value names ('' stays '': none).

        The default is written from the repository's root; any other relative value is taken from
        `given_from` (default: the working folder), where the user typed it. An optional path (`file or ''`,
        `folder or ''`) left at its default and absent resolves to '' (none); anything else is checked by
        `check`.
        """
        if value == "":
            return ""
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = (REPO_DIR if value == self.default else Path(given_from or Path.cwd())) / path
        absolute = os.path.abspath(path)
        if value == self.default and self.allowed.endswith("or ''") and not Path(absolute).exists():
            return ""
        return absolute

    def convert(self, raw: str) -> object:
        """Convert a command-line string to this parameter's type (not yet checked against `allowed`)."""
        try:
            if self.type_name == "bool":
                if raw.strip().lower() in _TRUE | _FALSE:
                    return raw.strip().lower() in _TRUE
                raise ValueError(raw)
            return TYPES[self.type_name](raw.strip() if self.type_name != "str" else raw)
        except ValueError:
            raise self.refuse(raw) from None

    def check(self, value: object, base_dir: Path | None = None, *, shown: object = None) -> None:
        """Raise ParameterError naming this parameter unless `value` has its type and is allowed.

        Relative paths are taken from `base_dir` (default: the working folder); the message shows `shown`
        (the value as the user gave it) when given. An `output folder` is only type-checked here:
        helpers.output_folder judges it, knowing the input folder too.
        """
        try:
            self._check(value, base_dir)
        except ParameterError:
            if shown is None or shown == value or not self.is_path:
                raise
            problem = "is not a folder" if self.allowed.startswith("folder") else "is not a file"
            exists = Path(str(value)).exists()
            raise ParameterError(f"{self.refuse(shown)}: {str(value)!r} "
                                 f"{problem if exists else 'does not exist'}") from None

    def _check(self, value: object, base_dir: Path | None) -> None:
        kind = TYPES[self.type_name]
        is_bool = isinstance(value, bool)
        if kind is float:
            has_type = isinstance(value, (int, float)) and not is_bool and math.isfinite(value)
        elif kind is int:
            has_type = isinstance(value, int) and not is_bool
        else:
            has_type = isinstance(value, kind)
        if not has_type:
            raise self.refuse(value)
        allowed = self.allowed
        if allowed.startswith("one of "):
            is_ok = value in self.choices()
        elif match := _INTERVAL.match(allowed):
            low, high = _number(match["low"]), _number(match["high"])
            is_ok = (low <= value if match["open"] == "[" else low < value) and (
                value <= high if match["close"] == "]" else value < high)
        elif match := _BOUND.match(allowed):
            low = _number(match["low"])
            is_ok = value >= low if match["op"] == "at least" else value > low
        elif allowed in _PATH_KINDS:
            path = Path(value)
            if base_dir is not None and not path.is_absolute():
                path = base_dir / path
            wanted_dir = allowed.startswith("folder")
            is_ok = (value == "" and allowed.endswith("or ''")) or (
                value != "" and (path.is_dir() if wanted_dir else path.is_file()))
        elif allowed == "language code":
            is_ok = re.fullmatch(r"[a-z]{2}", value) is not None
        else:  # true or false, output folder: the type says it all here
            is_ok = True
        if not is_ok:
            raise self.refuse(value)


def _number(text: str) -> float:
    return float(text.replace("_", ""))


def parse_declaration(line: str, where: str) -> Parameter:
    """Read one line of a parameters cell; refuse a line that does not declare type, allowed values and meaning."""
    match = _DECLARATION.match(line)
    form = "name: type = default  # allowed: meaning"
    if match is None:
        raise ParameterError(f"{where}: {line!r} does not declare a parameter as `{form}`")
    if line.count("=") != 1:  # papermill skips such a line: its help would not show the parameter
        raise ParameterError(f"{where}: {line!r} has more than one '='; papermill reads one per line")
    name, type_name, allowed = match["name"], match["type"], match["allowed"]
    if type_name not in TYPES:
        raise ParameterError(f"{where}: parameter {name} has type {type_name!r}; use one of {sorted(TYPES)}")
    is_known = (allowed.startswith("one of ") or _INTERVAL.match(allowed) or _BOUND.match(allowed)
                or allowed in _PATH_KINDS or allowed in _WORD_KINDS)
    if not is_known:
        raise ParameterError(f"{where}: parameter {name} declares allowed values {allowed!r}, which this module "
                             "does not know (see helpers/parameters.py)")
    numeric = bool(_INTERVAL.match(allowed) or _BOUND.match(allowed))
    wanted = {"float", "int"} if numeric else {"bool"} if allowed == "true or false" else {"str"}
    if type_name not in wanted:
        raise ParameterError(f"{where}: parameter {name} is a {type_name}, but {allowed!r} needs a "
                             f"{' or '.join(sorted(wanted))}")
    try:
        default = ast.literal_eval(match["default"])
    except (ValueError, SyntaxError):
        raise ParameterError(f"{where}: parameter {name} has a default that is not a literal: "
                             f"{match['default']!r}") from None
    parameter = Parameter(name, type_name, default, allowed, match["meaning"], line.strip())
    if allowed not in _PATH_KINDS:  # paths are checked once resolved (a test checks the defaults from the root)
        try:
            parameter.check(default)
        except ParameterError as error:
            raise ParameterError(f"{where}: the default breaks its own declaration: {error}") from None
    return parameter


def parameters_source(notebook_path: Path) -> str:
    """The source of the notebook's single cell tagged `parameters` (read as plain JSON: nbformat is slow to import)."""
    cells = json.loads(Path(notebook_path).read_text(encoding="utf-8"))["cells"]
    tagged = [cell for cell in cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        what = "no cell" if not tagged else f"{len(tagged)} cells"
        raise ParameterError(f"notebook {Path(notebook_path).name}: {what} tagged 'parameters'; "
                             "every stage notebook needs exactly one")
    source = tagged[0]["source"]
    return source if isinstance(source, str) else "".join(source)


def read_declarations(notebook_path: Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, in cell order; blank and comment-only lines are allowed between them."""
    declared: dict[str, Parameter] = {}
    for number, line in enumerate(parameters_source(notebook_path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parameter = parse_declaration(line, f"notebook {Path(notebook_path).name}, parameters cell line {number}")
        if parameter.name in declared:
            raise ParameterError(f"notebook {Path(notebook_path).name} declares {parameter.name} twice")
        declared[parameter.name] = parameter
    return declared


def merge_declarations(per_notebook: dict[str, dict[str, Parameter]]) -> dict[str, Parameter]:
    """One declaration per name over all notebooks; a name several notebooks declare must be declared alike."""
    merged: dict[str, Parameter] = {}
    first: dict[str, str] = {}
    for notebook, declared in per_notebook.items():
        for name, parameter in declared.items():
            if name in merged and merged[name] != parameter:
                raise ParameterError(f"parameter {name} is declared differently in {first[name]} "
                                     f"({merged[name].line!r}) and {notebook} ({parameter.line!r})")
            merged.setdefault(name, parameter)
            first.setdefault(name, notebook)
    return merged


def check_notebook_parameters(notebook_name: str, namespace: dict, notebooks_dir: Path = NOTEBOOKS_DIR) -> None:
    """Check a notebook's parameter values in its own kernel, in the first cell after the parameters cell, and
    make its paths absolute.

    The declaration is read from the committed notebook `notebooks_dir/notebook_name.ipynb`; values are the
    kernel's (papermill's injected cell has run). A path left at its default is taken from the repository's
    root, a path given with papermill's -p from the kernel's working folder (see resolve_path); each path in
    `namespace` is replaced by its absolute path, so the notebook opens the same file whatever folder it runs
    in. Raises ParameterError naming the first parameter that is refused.
    """
    from helpers.output_folder import check_output_folder

    declared = read_declarations(Path(notebooks_dir) / f"{notebook_name}.ipynb")
    resolved = {}
    for name, parameter in declared.items():
        if name not in namespace:
            raise ParameterError(f"parameter {name} is declared but has no value in this kernel")
        value = namespace[name]
        if parameter.is_path and isinstance(value, str):
            absolute = parameter.resolve_path(value)
            if parameter.allowed != "output folder":
                parameter.check(absolute, shown=value)
            resolved[name] = absolute
        else:
            parameter.check(value)
    input_dir = Path(resolved["input_dir"]) if "input_dir" in resolved else None
    for name, parameter in declared.items():
        if parameter.allowed == "output folder":
            check_output_folder(Path(resolved[name]), input_dir, option=name,
                                allow_reference_run=os.environ.get(REFERENCE_RUN_ENV) == "1")
    namespace.update(resolved)
