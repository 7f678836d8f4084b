"""axe-core in every page a system test visits, with readable failures.

Every main-frame navigation is recorded; `check()` runs axe on the page as it is now. When the
test ends, any page visited but never checked fails the test, so a journey cannot skip a page.
"""

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Frame, Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA (the public sector accessibility regulations), plus axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html,
                                summary: n.failureSummary})),
  }));
}
"""


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"\n* {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"][:10]:
            lines.append(f"  - {node['target']}\n    {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
        if len(v["nodes"]) > 10:
            lines.append(f"  ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


@dataclass
class Accessibility:
    page: Page
    unchecked: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._navigated)

    def _navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.unchecked.append(frame.url)

    def check(self) -> None:
        """Run axe on the page as it is now; fail with every violation spelt out."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate(RUN_AXE, TAGS)
        url = self.page.url
        self.checked.append(url)
        self.unchecked.clear()
        assert not violations, describe(url, violations)
