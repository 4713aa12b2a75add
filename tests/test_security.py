"""Raw HTML in content is cut down to a safe allow-list: nothing a trainer writes can run
script in a reader's browser, and `check` says what it removed, and where."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import make_project, run_generator
from test_site_build import article_of

ATTACKS = {
    "script": "<script>alert('story')</script>",
    "event handler": '<img src="x.png" alt="x" onerror="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">click</a>',
    "markdown javascript link": "[click me](javascript:alert(2))",
    "mixed-case javascript": '<a href="JaVaScRiPt:alert(3)">click</a>',
    "entity-encoded javascript": '<a href="&#106;avascript:alert(4)">click</a>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="evil.swf"></object>',
    "embed": '<embed src="evil.swf">',
    "style": "<style>body { display: none }</style>",
    "form": '<form action="https://evil.example/"><input name="password"></form>',
    "svg onload": '<svg onload="alert(5)"></svg>',
}
DANGEROUS_TAGS = {"iframe", "object", "embed", "form", "input", "svg"}


class PageScan(HTMLParser):
    """Everything in a built page that could run code or pull in another page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ours = tag == "form" and ("data-ss-filter", None) in attrs  # the stories filter, from our template
        if tag in DANGEROUS_TAGS and not ours:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "data") and value:
                cleaned = "".join(html.unescape(value).split()).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"{name}={value}")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append("script that calls alert")


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("attack") / "project")
    story = project / "content" / "stories" / "the-spare-key.md"
    planted = "\n\n".join(ATTACKS.values())
    text = story.read_text(encoding="utf-8").replace("title: The Spare Key", "title: \"The <script>alert('title')</script> Key\"")
    text = text.replace("  - When did you last fix a problem before anyone noticed it?",
                        "  - \"<img src=x onerror=alert(6)> When did you last fix a problem before anyone noticed it?\"")
    story.write_text(text + "\n\n" + planted + "\n", encoding="utf-8")
    module = project / "content" / "modules" / "first-steps.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n\n" + planted + "\n", encoding="utf-8")
    result = run_generator("build", cwd=project, env={"TRAINING_PDF": "0"})  # not --strict: check warns about the removals
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def test_built_pages_carry_none_of_the_attacks(attacked: tuple[Path, Path]) -> None:
    _, site = attacked
    theme_pages = [site / "stories" / "the-spare-key.html", site / "modules" / "first-steps.html",
                   site / "index.html", site / "stories" / "index.html"]
    for page in theme_pages:  # our content only: the theme's own icons, toggles and search form are fine
        scan = PageScan()
        scan.feed(article_of(page))
        assert scan.found == [], f"{page.relative_to(site)}: {scan.found}"
    whole = PageScan()
    whole.feed((site / "guides" / "first-steps" / "index.html").read_text(encoding="utf-8"))
    assert whole.found == [], f"discussion guide: {whole.found}"
    for page in theme_pages:
        text = page.read_text(encoding="utf-8")
        assert "alert(" not in text.replace("alert(&#39;title&#39;)", "").replace("onerror=alert(6)&gt;", ""), page.name


def test_front_matter_text_is_shown_as_text(attacked: tuple[Path, Path]) -> None:
    _, site = attacked
    page = (site / "stories" / "the-spare-key.html").read_text(encoding="utf-8")
    assert "The &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Key" in page
    assert "&lt;img src=x onerror=alert(6)&gt; When did you last fix" in page


def test_safe_markup_survives(attacked: tuple[Path, Path]) -> None:
    _, site = attacked
    page = (site / "stories" / "the-spare-key.html").read_text(encoding="utf-8")
    assert "<em>brass key</em>" in page
    assert '<a rel="noopener noreferrer">click me</a>' in page or ">click me</a>" in page


def test_check_warns_about_each_removal_with_its_line(attacked: tuple[Path, Path]) -> None:
    project, _ = attacked
    result = run_generator("check", cwd=project)
    warnings = [line for line in result.stderr.splitlines() if "unsafe HTML removed" in line]
    story_lines = [line for line in warnings if line.startswith("content/stories/the-spare-key.md:")]
    module_lines = [line for line in warnings if line.startswith("content/modules/first-steps.md:")]
    assert len(story_lines) >= 8 and len(module_lines) >= 8, result.stderr
    for word in ("script", "iframe", "onerror", "javascript"):
        assert any(word in line for line in story_lines), f"no warning mentions {word}: {story_lines}"
