"""The Python examples in docs/ run as written against the simulator."""

from __future__ import annotations

import pathlib
import re
from typing import List, Tuple

import pytest

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _examples() -> List[Tuple[str, str]]:
    """Return (id, code) of every ```python block in docs/*.md, in file order."""
    examples = []
    for page in sorted(DOCS.glob("*.md")):
        blocks = PYTHON_BLOCK.findall(page.read_text(encoding="utf-8"))
        for number, code in enumerate(blocks, start=1):
            examples.append((f"{page.name}:{number}", code))
    return examples


EXAMPLES = _examples()


def test_roles_groups_page_has_examples() -> None:
    page_examples = [name for name, _ in EXAMPLES if name.startswith("users-roles-groups.md:")]

    assert len(page_examples) == 5


def test_locations_page_has_examples() -> None:
    page_examples = [name for name, _ in EXAMPLES if name.startswith("locations.md:")]

    assert len(page_examples) == 6


@pytest.mark.parametrize(("name", "code"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_example_runs(name: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(code, name, "exec"), {"__name__": "__main__"})

    assert capsys.readouterr().out, f"{name} printed nothing"
