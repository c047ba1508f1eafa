"""The Spark engine's entry point: ``storyline run --engine spark`` and ``spark-submit``.

With spark-submit (the master and resources come from spark-submit's own options)::

    spark-submit --master yarn --py-files storyline.zip \\
        "$(python -c 'import storyline.scale.submit as m; print(m.__file__)')" \\
        s3a://bucket/cc-news/2026/11/ --out s3a://bucket/storyline/2026-11

Prints one JSON line of counts and per-stage seconds; one line per bad input on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from storyline.config import IngestConfig, load_config
from storyline.scale.spark import SparkResult, run_spark, spark_session


def run_and_report(inputs: list[str], out_dir: str, *, config: IngestConfig, master: str | None,
                   db: str | None = None, params: dict[str, Any] | None = None) -> SparkResult:
    """Run the Spark engine and, for a local ``out_dir``, write its ``summary.json`` there."""
    from storyline.store import Store

    spark = spark_session(master)
    spark.sparkContext.setLogLevel("ERROR")
    store = Store(db) if db else None
    result = run_spark(inputs, out_dir, spark=spark, config=config, params=params, store=store)
    if "://" not in out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        (Path(out_dir) / "summary.json").write_text(json.dumps(result.to_json(), indent=2) + "\n",
                                                   encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    """``spark-submit submit.py INPUT... --out DIR [--db URL] [--config FILE]``."""
    parser = argparse.ArgumentParser(prog="storyline-spark", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="Files, directories, globs or URIs (hdfs://, s3a://).")
    parser.add_argument("--out", required=True, help="Where the Parquet datasets go (path or URI).")
    parser.add_argument("--db", help="Also fill this store (SQLAlchemy URL or SQLite path).")
    parser.add_argument("--config", type=Path, help="TOML file with an [ingest] section.")
    parser.add_argument("--master", help="Spark master, when not given by spark-submit.")
    args = parser.parse_args(argv)
    result = run_and_report(args.inputs, args.out, config=load_config(args.config), master=args.master,
                            db=args.db)
    for message in result.errors:
        print(f"storyline: {message}", file=sys.stderr)
    print(json.dumps(result.to_json()))
    return 0 if result.stored or not result.errors else 1


if __name__ == "__main__":
    sys.exit(main())
