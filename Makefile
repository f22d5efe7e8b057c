.PHONY: test lint bench
test:
	bash scripts/test
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy --strict daemon
bench:
	.venv/bin/python benchmarks/detect.py
	.venv/bin/python benchmarks/service.py

.PHONY: chaos demo
# The long crash-consistency run (CI runs one short cycle).
chaos:
	CHAOS_CYCLES=$${CHAOS_CYCLES:-10} CHAOS_KILLS=$${CHAOS_KILLS:-20} .venv/bin/python -m pytest tests/test_chaos.py -s -q
demo:
	bash scripts/demo
