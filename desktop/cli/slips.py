"""`griddesk-admin case print NUMBER --kind dispatch|urge|closing|record --out FILE.pdf` (no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from db.engine import Database
from desktop.cli.common import EXIT_OK, actor_of
from reports.slips.kinds import SLIP_TITLES, SlipKind


def run_print(args: argparse.Namespace, db: Database) -> int:
    from reports.slips.slip import save_slip  # the PDF writer only when a slip is made

    kind = SlipKind(args.kind)
    target = save_slip(db, actor_of(args), args.number, kind, Path(args.out))
    print(f"已生成案件 {args.number.strip()} 的{SLIP_TITLES[kind]}：{target}（已记入审计日志）")
    return EXIT_OK


def add_print_parser(verbs: Any) -> None:
    kinds = "、".join(f"{k.value}（{SLIP_TITLES[k]}）" for k in SlipKind)
    printing = verbs.add_parser(
        "print",
        help="打印案件单据为 A4 PDF：派遣单、督办单、结案单、全程记录",
        description=f"把案件单据生成为 A4 PDF（以本中心名义），并记入审计日志。单据：{kinds}。",
    )
    printing.add_argument("number", metavar="NUMBER", help="案件编号")
    printing.add_argument(
        "--kind", required=True, choices=[k.value for k in SlipKind], help="单据种类"
    )
    printing.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    printing.set_defaults(func=run_print)
