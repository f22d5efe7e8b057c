.PHONY: test lint bench
test:
	bash scripts/test
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy --strict daemon
bench:
	.venv/bin/python benchmarks/run.py
