#!/usr/bin/env bash
# Until the first release the schema is one initial migration, regenerated from db/models.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f db/migrations/versions/0001_initial_schema.py
.venv/bin/python - "$tmp/gen.sqlite" <<'PY'
import sys
from alembic import command
from db.engine import Database
from db.migrate import alembic_config
db = Database(sys.argv[1])
cfg = alembic_config()
with db.engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
sed -i 's/astext_type=Text()/astext_type=sa.Text()/g; s/^Create Date: .*/Create Date: (regenerated from db\/models)/' db/migrations/versions/0001_initial_schema.py
rm -rf "$tmp"
echo "regenerated db/migrations/versions/0001_initial_schema.py"
