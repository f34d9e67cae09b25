"""Writes desktop/common/db_message_templates.py: every sentence db/ and reports/ give a user
in Chinese (a `UserError`'s message, a `…problem`/`…reason`/`…refusal` helper's sentence, a
problem an import lists, an import's summary), as a template the window translates
(`desktop.common.db_messages.db_message_text`).

Run by `make translations` before lupdate, which then puts the new templates into the .ts
files for translating. A template is the literal text of the raise site with each value as
`{0}`, `{1}`, … in order; tests/test_db_messages.py checks the module is current.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "desktop" / "common" / "db_message_templates.py"
SCANNED = ("db", "reports")
CJK = re.compile(r"[\u4e00-\u9fff]")
# helpers whose returned sentence is raised (or shown) by their caller
HELPER_NAME = re.compile(r"problem|refus|reason|failure|message|why|describe", re.IGNORECASE)
# variables a raise site's sentence is chosen into (db/security/accounts.py: failure = …)
ASSIGNED_NAME = re.compile(r"^(failure|generic|problem|refusal|message|why)$")
# a refusal's "what" (db/security/actors.py: …「李明」无权{what})
REFUSAL_CALLS = frozenset({"require", "require_department"})
# label tables desktop.core.i18n translates itself (status_text, action_text, role_text…)
WINDOW_WORDS = frozenset(
    {
        ("states.py", "STATUS_LABELS"),
        ("states.py", "GROUP_LABELS"),
        ("states.py", "ACTION_LABELS"),
        ("states.py", "CO_EVENT_LABELS"),
        ("states.py", "EVENT_LABELS"),
        ("states.py", "SOURCE_LABELS"),
        ("states.py", "SATISFACTION_LABELS"),
        ("actors.py", "ROLE_LABELS"),
    }
)
# what an import tells of a file before and after (db/people/roster_import.py `summary`)
SUMMARY_FUNCTION = "summary"
# sentences db/errors.py composes in its constructors (not a literal raise), and words put
# into sentences from a call's argument
EXTRA = (
    "案件 {0} 当前状态为「{1}」，不能执行「{2}」",
    "案件 {0} 当前状态为「{1}」，不能执行「{2}」：{3}",
    "案件 {0} 已被他人修改（现为「{1}」），「{2}」未执行，请刷新后重试",
    "备份 {0} 的审计日志未通过校验（{1}），拒绝恢复，当前数据库未改动",
    "备份 {0} 的审计日志未通过校验（{1}），拒绝恢复，当前数据库未改动；{2}",
    # where a suggested department's record comes from (db/intake/classify.py `add_from`)
    "该网格",
    "全街道",
    # what a refused write saved (db/engine.py _SAVED_NOTHING, put into the storage problems)
    "未保存任何内容（数据库保持原样）",
    # a refusal's "what" kept in a constant (db/reference/categories.py _PERMISSION)
    "维护案件类别",
    # the last of the history check's list (db/cases/history_chain.py `HistoryReport.reason`)
    "另有 {0} 处",
    # a grid suggestion: why → the grid (db/gazetteer/index.py `Found.whys`)
    "{0} → {1}",
)


_FIELD = "\x00"  # a value, while a template is put together
_MOST_VARIANTS = 16  # of one sentence built up by `+=` and conditional parts


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _variants(node: ast.expr, env: dict[str, list[str]] | None = None) -> list[str] | None:
    """The sentences a string expression can make (values as `_FIELD`), None for a non-string:
    a literal, an f-string, `a + b` and `a if c else b` of those, and a name `env` knows."""
    if isinstance(node, ast.Name) and env is not None and node.id in env:
        return env[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [_escaped(node.value)]
    if isinstance(node, ast.JoinedStr):
        return [
            "".join(
                _escaped(str(p.value)) if isinstance(p, ast.Constant) else _FIELD
                for p in node.values
            )
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _variants(node.left, env), _variants(node.right, env)
        if left is None and right is None:
            return None
        return [a + b for a in (left or [_FIELD]) for b in (right or [_FIELD])][:_MOST_VARIANTS]
    if isinstance(node, ast.IfExp):
        body, orelse = _variants(node.body, env), _variants(node.orelse, env)
        if body is None and orelse is None:
            return None
        return (body or [_FIELD]) + (orelse or [_FIELD])
    return None


def _numbered(variant: str) -> str:
    parts = variant.split(_FIELD)
    return "".join(
        part + (f"{{{i}}}" if i < len(parts) - 1 else "") for i, part in enumerate(parts)
    )


def _is_problem_call(func: ast.expr) -> bool:
    """A problem or reason of a list: `…Problem(…)`, `problems.append(…)`, `reasons.append(…)`,
    or a check's verdict: `ChainReport(count, None, "审计日志完整…")`."""
    if isinstance(func, ast.Name):
        return func.id.lower().endswith("problem") or func.id.endswith("Report")
    if isinstance(func, ast.Attribute):
        if func.attr.endswith("Problem"):
            return True
        owner = ast.unparse(func.value).lower()
        return func.attr in ("append", "extend") and ("problem" in owner or "reason" in owner)
    return False


def _built_up(function: ast.FunctionDef) -> list[str]:
    """The sentences a function builds in a variable named like ASSIGNED_NAME (or, in a
    `summary`, in any variable and its returns): assigned, then grown by `+=` (each growth may
    or may not happen)."""
    summary = function.name == SUMMARY_FUNCTION
    built: dict[str, list[str]] = {}
    returned: list[str] = []
    kinds = (ast.Assign, ast.AugAssign, ast.Return)
    statements = [n for n in ast.walk(function) if isinstance(n, kinds)]
    for node in sorted(statements, key=lambda n: (n.lineno, n.col_offset)):
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            made = _variants(node.value, built)
            for name in names:
                if (summary or ASSIGNED_NAME.match(name)) and made:
                    built[name] = made if summary else built.get(name, []) + made
        elif isinstance(node, ast.AugAssign):
            target = node.target
            if isinstance(target, ast.Name) and target.id in built and isinstance(node.op, ast.Add):
                grown = _variants(node.value, built) or [_FIELD]
                old = built[target.id]
                built[target.id] = (old + [a + b for a in old for b in grown])[:_MOST_VARIANTS]
        elif summary and node.value is not None:
            returned.extend(_variants(node.value, built) or ())
    # a summary's parts too: a value put into its sentence (head = "已导入") is translated alone
    return returned + [variant for variants in built.values() for variant in variants]


def _constants(tree: ast.AST) -> dict[str, list[str]]:
    """A module's string constants (NO_FONT = "…"), for a raise that names one."""
    found: dict[str, list[str]] = {}
    body = tree.body if isinstance(tree, ast.Module) else []
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            made = _variants(node.value)
            if isinstance(target, ast.Name) and target.id.isupper() and made:
                found[target.id] = made
    return found


def _label_words(tree: ast.AST, path: Path) -> list[str]:
    """The words of a module's `…LABELS` tables (field names such as 反映人电话, kinds,
    decisions), which db/ puts into its sentences; the window's own domain words
    (desktop.core.i18n: statuses, actions, roles…) are translated there instead."""
    found: list[str] = []
    body = tree.body if isinstance(tree, ast.Module) else []
    for node in body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Dict):
            continue
        if "LABELS" not in target.id or (path.name, target.id) in WINDOW_WORDS:
            continue
        for item in value.values:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                found.append(_escaped(item.value))
    return found


def _candidates(tree: ast.AST) -> list[str]:
    found: list[ast.expr] = []
    sentences: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            found.append(node.exc.args[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in REFUSAL_CALLS
            and len(node.args) >= 2
        ):
            found.append(node.args[1])  # actor.require("case.merge", "标记不是重复"): what
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
            and isinstance(node.func.value, ast.Call)
            and ast.unparse(node.func.value) == "super()"
            and node.args
        ):
            found.append(node.args[0])  # an error class's own sentence: super().__init__(f"…")
        elif isinstance(node, ast.Call) and _is_problem_call(node.func):
            for arg in node.args:  # Problem(row, column, "…"), problems.append(("grid", "…"))
                found.extend(arg.elts if isinstance(arg, ast.Tuple) else (arg,))
        elif isinstance(node, ast.FunctionDef):
            if HELPER_NAME.search(node.name):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        value = inner.value
                        found.extend(
                            (value.body, value.orelse) if isinstance(value, ast.IfExp) else (value,)
                        )
            sentences.extend(_built_up(node))
    constants = _constants(tree)
    for node in found:
        sentences.extend(_variants(node, constants) or ())
    return [_numbered(sentence) for sentence in sentences]


def templates(repo: Path = REPO) -> list[str]:
    """Every template of db/ and reports/, file by file in the order found, each once."""
    seen: dict[str, None] = dict.fromkeys(EXTRA)
    for folder in SCANNED:
        for path in sorted((repo / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for text in [*_candidates(tree), *_label_words(tree, path)]:
                if CJK.search(text) and text.strip("{}0123456789"):
                    seen.setdefault(text, None)
    return list(seen)


def module_text(found: list[str]) -> str:
    lines = [
        '"""Generated by scripts/db_message_templates.py (`make translations`): the sentences',
        "db/ and reports/ give a user, as templates for lupdate and `db_message_text`. Do not",
        'edit by hand."""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEMPLATES = (",
    ]
    for text in found:
        lines.append(
            f'    QT_TRANSLATE_NOOP("DbMessages", {json.dumps(text, ensure_ascii=False)}),'
        )
    lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    found = templates()
    OUT.write_text(module_text(found), encoding="utf-8")
    # the repository's own formatting (long templates wrapped as ruff wraps them)
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(OUT)], check=True)
    print(f"{OUT.relative_to(REPO)}: {len(found)} templates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
