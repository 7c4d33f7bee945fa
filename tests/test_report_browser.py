"""The report in a real browser: headless Chromium (Debian's package) driven by Playwright's Python
API. The page loads from a file:// URL without errors or network requests, its filters show what
`lint` reports, and a full-page screenshot shows the pyramid."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.report.pyramid import DIM_COLOURS, LOAD_COLOUR

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
ON = "2020-01-01"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = "no Chromium: install Debian's chromium package"


def chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(NO_CHROMIUM + " (CI must run the browser tests)")
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright  # the test extra

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "h_district.html"
    result = CliRunner().invoke(main, ["report", H, "--on", ON, "--no-timestamp", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    """What `lint --format json` reports, each with the tier the page must show for it."""
    result = CliRunner().invoke(main, ["lint", H, "--on", ON, "--format", "json"])
    doc = json.loads(result.stdout)
    policy = lint_paths([H], None, "en", ON).policy
    for f in doc["findings"]:
        kind, ident = f["subject"]["kind"], f["subject"]["id"]
        f["tier"] = (
            policy.items[ident].tier
            if kind == "item"
            else policy.units[ident].tier
            if kind == "unit"
            else ident
            if kind == "tier"
            else "—"
        )
    return doc["findings"]


@pytest.fixture
def page(browser, report):
    """A fresh page on the report, recording console messages, page errors and every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console, tab.errors, tab.requests = [], [], []
    tab.on("console", lambda message: tab.console.append((message.type, message.text)))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(report.as_uri())
    tab.wait_for_load_state("load")
    yield tab
    context.close()


def visible_rows(tab) -> int:
    return tab.locator("#findings-table tbody tr.finding:visible").count()


def counter(tab) -> str:
    return tab.locator("#findings-counter").inner_text()


def test_loads_without_errors_or_network(page, report):
    assert page.title() == "Policy report · h_district"
    assert page.errors == []
    assert [m for m in page.console if m[0] in ("error", "warning")] == []
    assert page.requests == [report.as_uri()]  # the page itself, nothing else
    assert page.locator("section#pyramid svg.pyramid").is_visible()
    assert page.locator("section#graph svg.graph").is_visible()


def test_filters_show_what_lint_reports(page, findings):
    total = len(findings)
    assert total == 41
    assert visible_rows(page) == total and counter(page) == f"{total} of {total} shown"
    codes = Counter(f["code"] for f in findings)
    tiers = Counter(f["tier"] for f in findings)

    page.select_option("#filter-code", "PE102")
    assert visible_rows(page) == codes["PE102"] == 10
    assert counter(page) == f"10 of {total} shown"
    page.select_option("#filter-code", "PE104")
    assert visible_rows(page) == codes["PE104"] == 4
    page.select_option("#filter-code", "")

    page.select_option("#filter-tier", "grid")
    assert visible_rows(page) == tiers["grid"] == 27
    assert counter(page) == f"27 of {total} shown"
    page.select_option("#filter-tier", "—")
    assert visible_rows(page) == tiers["—"] == 14
    page.select_option("#filter-code", "PE102")
    assert visible_rows(page) == 0 and counter(page) == f"0 of {total} shown"
    page.select_option("#filter-tier", "grid")
    assert visible_rows(page) == sum(1 for f in findings if f["code"] == "PE102" and f["tier"] == "grid") == 10
    page.select_option("#filter-code", "")
    page.select_option("#filter-tier", "")

    page.select_option("#filter-severity", "warning")
    assert visible_rows(page) == sum(1 for f in findings if f["severity"] == "warning") == 36
    assert page.locator("#filter-severity option").all_inner_texts() == ["all severities", "warning", "info"]

    page.fill("#filter-text", "Broken road")  # the page names the subject as the policy does
    wanted = sum(1 for f in findings if "Broken road" in f["message"] or f["subject"]["id"] == "broken_road")
    assert visible_rows(page) == wanted == 3  # PE102, PE103 and PE104
    assert counter(page) == f"{wanted} of {total} shown"
    page.fill("#filter-text", "")
    page.select_option("#filter-severity", "")
    assert visible_rows(page) == total and counter(page) == f"{total} of {total} shown"


def _palette(image):
    """The image's colours (8-bit RGB packed in one integer) and how many pixels have each."""
    import numpy as np

    rgb = (image[:, :, :3] * 255).round().astype(np.uint32)
    return np.unique((rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2], return_counts=True)


def _present(palette, hex_colour: str, tolerance: int = 4) -> int:
    """How many pixels have the colour (each channel within `tolerance` of it)."""
    colours, counts = palette
    want = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    near = [
        abs(((colours >> shift) & 0xFF).astype(int) - w) <= tolerance for shift, w in zip((16, 8, 0), want, strict=True)
    ]
    return int(counts[near[0] & near[1] & near[2]].sum())


def test_screenshot_shows_the_pyramid(page, tmp_path):
    from matplotlib.image import imread

    path = tmp_path / "report.png"
    page.screenshot(path=str(path), full_page=True)
    image = imread(str(path))
    height, width = image.shape[:2]
    assert width == 1280  # nothing overflows the viewport's width
    assert 2500 < height < 20000
    palette = _palette(image)
    assert len(palette[0]) > 50  # not blank
    assert _present(palette, "#ffffff") < height * width * 0.95
    # the pyramid: the grid's load bar and a bar on each dimension
    assert _present(palette, LOAD_COLOUR) > 5000
    for colour in DIM_COLOURS.values():
        assert _present(palette, colour) > 500, colour


def test_chinese_reform_page_filters(browser, tmp_path):
    out = tmp_path / "gate_zh.html"
    gate = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
    result = CliRunner().invoke(
        main, ["report", H, "--reform", gate, "--lang", "zh", "--on", ON, "--no-timestamp", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    after = json.loads(CliRunner().invoke(main, ["lint", H, "--reform", gate, "--on", ON, "--format", "json"]).stdout)
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(out.as_uri())
    assert tab.evaluate("document.documentElement.lang") == "zh"
    assert counter(tab) == "显示 26 / 26 条"
    tab.select_option("#filter-code", "PE204")
    wanted = sum(1 for f in after["findings"] if f["code"] == "PE204")
    assert visible_rows(tab) == wanted == 5 and counter(tab) == "显示 5 / 26 条"
    assert tab.locator("section#reform svg.pyramid").count() == 2
    assert errors == []
    context.close()
