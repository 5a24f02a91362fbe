"""Each addon's README.md, generated from its readme/ fragments (OCA's convention:
DESCRIPTION, USAGE, CONFIGURE, ROADMAP, HISTORY, CONTRIBUTORS; body text only).

Why not oca-gen-addon-readme: it is not on PyPI (OCA/maintainer-tools installs from
its git repository, which these machines and CI cannot reach), and it writes
README.rst (through pandoc for Markdown fragments) and static/description/index.html
with an OCA organisation's badges and links; these addons publish README.md.
"""

import ast

from .common import REPO

SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("HISTORY.md", "Changelog"),
    ("CONTRIBUTORS.md", "Contributors"),
)
HEADER = "<!-- Generated from the readme/ fragments by `make readme`; edit those. -->\n"


def addon_dirs():
    roots = [REPO / "addons", REPO / "tests"]
    return sorted(p.parent for r in roots for p in r.glob("*/__manifest__.py"))


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [HEADER, f"# {manifest['name']}\n", f"{manifest['summary']}\n"]
    for filename, title in SECTIONS:
        fragment = addon / "readme" / filename
        if not fragment.is_file():
            continue
        if title:
            parts.append(f"## {title}\n")
        parts.append(fragment.read_text().strip() + "\n")
    parts.append(
        f"## Technical\n\nModule `{addon.name}`, version {manifest['version']}, "
        f"license {manifest['license']}; depends on "
        + ", ".join(f"`{d}`" for d in manifest.get("depends", []))
        + ".\n"
    )
    return "\n".join(parts)


def stale():
    """Addons whose README.md differs from what their fragments give."""
    return [
        a
        for a in addon_dirs()
        if not (a / "README.md").is_file() or (a / "README.md").read_text() != render(a)
    ]


def write_all():
    for addon in addon_dirs():
        (addon / "README.md").write_text(render(addon))
