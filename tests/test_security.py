"""Raw HTML in content is cut down to a safe allow-list: nothing a trainer writes can run
script in a reader's browser, and `check` says what it removed, and where."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import make_project, run_generator
from PIL import Image
from test_site_build import article_of

ATTACKS = {
    "script": "<script>alert('story')</script>",
    "event handler": '<img src="x.png" alt="x" onerror="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">click</a>',
    "markdown javascript link": "[click me](javascript:alert(2))",
    "mixed-case javascript": '<a href="JaVaScRiPt:alert(3)">click</a>',
    "entity-encoded javascript": '<a href="&#106;avascript:alert(4)">click</a>',
    "entity-encoded markdown link": "[click too](&#106;avascript:alert(8))",
    "tab inside javascript": '<a href="java&#x09;script:alert(9)">click</a>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="evil.swf"></object>',
    "embed": '<embed src="evil.swf">',
    "style": "<style>body { display: none }</style>",
    "form": '<form action="https://evil.example/"><input name="password"></form>',
    "svg onload": '<svg onload="alert(5)"></svg>',
}
DANGEROUS_TAGS = {"iframe", "object", "embed", "form", "input", "svg"}


def is_script_url(attribute: str, value: str | None) -> bool:
    """A link or source that runs code when followed, however it is spelled or encoded."""
    if attribute not in ("href", "src", "action", "data", "formaction", "xlink:href") or not value:
        return False
    return "".join(html.unescape(value).split()).lower().startswith(("javascript:", "vbscript:", "data:text/html"))


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
            if is_script_url(name, value):
                self.found.append(f"{name}={value}")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append("script that calls alert")


FIELD_ATTACK = "<script>alert('field')</script><img src=x onerror=alert(7)>"
# Every free-text front-matter field, in every kind of file: (file, line that starts the field).
FIELDS = {
    "content/course.yml": ["title:", "tagline:", "description:", "audience:"],
    "content/themes.yml": ["    title:", "    description:"],
    "content/modules/first-steps.md": ["title:", "summary:", "  - Recognise", "    activity: Welcome",
                                       "  - Printed", "  - What do the porter"],
    "content/stories/the-spare-key.md": ["summary:", "setting:", "place:", "  author:", "  title:", "  publication:"],
    "content/stories/a-note-of-thanks.md": ["    - Pairs who notice"],  # a facilitator note: guides, room, session data
}


def plant_in_fields(project: Path) -> None:
    for relative, starts in FIELDS.items():
        path = project / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        for start in starts:
            index = next(i for i, line in enumerate(lines) if line.startswith(start))
            value = lines[index][len(start):].strip().strip('"')
            lines[index] = f'{start} "{value} {FIELD_ATTACK}"'
        path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("attack") / "project")
    plant_in_fields(project)
    story = project / "content" / "stories" / "the-spare-key.md"
    planted = "\n\n".join(ATTACKS.values())
    text = story.read_text(encoding="utf-8").replace("title: The Spare Key", "title: \"The <script>alert('title')</script> Key\"")
    text = text.replace("  - When did you last fix a problem before anyone noticed it?",
                        "  - \"<img src=x onerror=alert(6)> When did you last fix a problem before anyone noticed it?\"")
    story.write_text(text + "\n\n" + planted + "\n", encoding="utf-8")
    module = project / "content" / "modules" / "first-steps.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n\n" + planted + "\n", encoding="utf-8")
    for folder in ("stories", "modules"):  # the picture the attack hangs on exists: only the attack is wrong
        Image.new("RGB", (4, 4)).save(project / "content" / folder / "x.png")
    # the facilitator edition: every page of the learner site and the notes and guides besides
    result = run_generator("build", "--facilitator", cwd=project, env={"TRAINING_PDF": "0"})  # not --strict: check warns about the removals
    assert result.returncode == 0, result.stderr
    return project, project / "site-facilitator"


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
    for relative in ("content/stories/the-spare-key.md", "content/modules/first-steps.md"):
        lines = (project / relative).read_text(encoding="utf-8").splitlines()
        for name, attack in ATTACKS.items():
            number = lines.index(attack) + 1
            assert any(w.startswith(f"{relative}:{number}: warning:") for w in warnings), \
                f"{relative}: no warning at line {number} for the {name}: {warnings}"
    for word in ("script", "iframe", "onerror", "javascript", "svg", "form", "style", "object", "embed"):
        assert any(word in line for line in warnings), f"no warning mentions {word}: {warnings}"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class ScriptScan(HTMLParser):
    """What in a whole page (theme included) could run code: scripts, on* attributes, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []  # src of external scripts, text of inline ones
        self.handlers: list[str] = []
        self.script_urls: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{name}= on <{tag}>")
            if is_script_url(name, value):
                self.script_urls.append(f"<{tag} {name}={value}>")
        if tag == "script":
            source = dict(attrs).get("src")
            if source:
                self.scripts.append("src:" + source.lstrip("./"))
            else:
                self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            data = re.fullmatch(r"\s*window\.(ss[A-Za-z]+) = (.*);\s*", text, flags=re.S)
            if data and _is_json(data.group(2)):  # a room page's inline data: a value, no code (it differs with the content)
                self.scripts.append(f"data:{data.group(1)}")
            else:  # the theme's inline scripts differ per page only in the relative path to the site root
                self.scripts.append(re.sub(r'"(\.\./)*\.\.?"', '"BASE"', text))
            self._script = None


def scan_site(site: Path) -> dict[str, ScriptScan]:
    scans = {}
    for page in sorted(site.rglob("*.html")):
        scan = ScriptScan()
        scan.feed(page.read_text(encoding="utf-8"))
        scans[page.relative_to(site).as_posix()] = scan
    return scans


def test_no_page_of_the_site_runs_planted_code(attacked: tuple[Path, Path], facilitator_site: Path) -> None:
    """Every page, theme header and navigation included: the only scripts are the ones a clean
    build of the same course has (Material's and ours), and nothing has on* handlers or
    script URLs."""
    _, site = attacked
    own_scripts = {script for scan in scan_site(facilitator_site).values() for script in scan.scripts}
    scans = scan_site(site)
    assert "modules/first-steps.html" in scans and "guides/first-steps/index.html" in scans
    for page, scan in scans.items():
        foreign = [script[:80] for script in scan.scripts if script not in own_scripts]
        assert foreign == [], f"{page}: scripts that a clean build does not have: {foreign}"
        assert scan.handlers == [], f"{page}: {scan.handlers}"
        assert scan.script_urls == [], f"{page}: {scan.script_urls}"


def test_front_matter_of_every_kind_is_escaped_everywhere(attacked: tuple[Path, Path]) -> None:
    _, site = attacked
    escaped = html.escape(FIELD_ATTACK, quote=False)
    for page in ["index.html", "stories/the-spare-key.html", "stories/index.html", "themes/ownership.html",
                 "modules/first-steps.html", "modules/index.html", "guides/first-steps/index.html", "404.html",
                 "stories/a-note-of-thanks.html"]:
        text = (site / page).read_text(encoding="utf-8")
        assert FIELD_ATTACK not in text, page
        assert escaped in text.replace("&#39;", "'"), f"{page}: the planted text is not shown as text"
    room = (site / "room/going-further.html").read_text(encoding="utf-8")  # its data inline, every '<' escaped
    assert FIELD_ATTACK not in room and FIELD_ATTACK.replace("<", "\\u003c") in room


def test_search_index_holds_no_markup_from_front_matter(attacked: tuple[Path, Path]) -> None:
    """Material shows search results as HTML: titles and texts must hold escaped text only."""
    _, site = attacked
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    planted = [entry for entry in entries if "alert(" in entry["title"] + entry["text"]]
    assert len(planted) >= 5
    for entry in entries:
        for part in ("title", "text"):
            scan = ScriptScan()
            scan.feed(entry[part])
            assert scan.scripts == [] and scan.handlers == [] and scan.script_urls == [], (entry["location"], part)
            assert "<img" not in entry[part] and "<script" not in entry[part], (entry["location"], entry[part][:200])
