"""The toolchain smoke check `make test` runs before the Odoo tests.

It checks the machine, not our code: the patched-Qt wkhtmltopdf keeps a page header
(Debian's build silently drops it), a CJK font gives Chinese glyphs (they vanish
silently without one), pdftotext reads the PDF back, and Chromium starts headless
(without it Odoo skips every tour). A failure here names the tool and the fix,
before ten minutes of tests would fail for a reason that is not a test's.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import DevError, info, step

BODY_TEXT = "售楼管理 壹佰贰拾捌万柒仟玖佰玖拾肆元整"
HEADER_TEXT = "REALTY-HEADER"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def check_toolchain(wkhtmltopdf_dir):
    step("Toolchain smoke check: wkhtmltopdf, CJK font, pdftotext, Chromium")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page = tmp / "page.html"
        page.write_text(
            f'<html><head><meta charset="utf-8"/></head><body><p>{BODY_TEXT}</p>'
            "</body></html>",
            encoding="utf-8",
        )
        pdf = tmp / "page.pdf"
        _run(
            [
                str(Path(wkhtmltopdf_dir) / "wkhtmltopdf"),
                "--quiet",
                "--header-center",
                HEADER_TEXT,
                str(page),
                str(pdf),
            ],
            "wkhtmltopdf could not render a page",
        )
        pdftotext = shutil.which("pdftotext")
        if not pdftotext:
            raise DevError("pdftotext is missing", "apt-get install -y poppler-utils")
        text = _run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], "pdftotext could not read it"
        )
        if HEADER_TEXT not in text:
            raise DevError(
                "wkhtmltopdf dropped the page header (not the patched-Qt build?)",
                "remove ~/.cache/realty/wkhtmltox and run make setup again",
            )
        if BODY_TEXT.replace(" ", "") not in text.replace(" ", ""):
            raise DevError(
                "Chinese text vanished from the PDF (no CJK font)",
                "apt-get install -y fonts-noto-cjk",
            )
        browser = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
        if not browser:
            raise DevError("Chromium is missing", "apt-get install -y chromium")
        dom = _run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp / 'chromium'}",
                "--dump-dom",
                "data:text/html,<p id=ok>ok</p>",
            ],
            "Chromium could not start headless",
        )
        if 'id="ok"' not in dom:
            raise DevError("Chromium started but rendered nothing")
    info("passed")


def _run(cmd, message):
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DevError(f"{message}: {exc}") from exc
    if proc.returncode:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise DevError(f"{message}: {' / '.join(err)}")
    return proc.stdout.decode(errors="replace")
