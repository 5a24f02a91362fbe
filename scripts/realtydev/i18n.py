"""`make i18n`: export each addon's terms to i18n/<addon>.pot and merge them into
i18n/zh_CN.po, keeping existing translations; report what is left to translate.

Terms come from a fresh copy of the test template with the addons updated, so field
labels, views, menus and Python/JS strings are those of the current code.

Why not click-odoo-makepot: tried on this repository, it exports the same terms
(the same Odoo export) but updates nothing first, pre-fills nothing from Odoo's own
translations and reports nothing left untranslated (TestTranslations needs every
term). Its msgmerge rewraps every .po (+238/-140 lines in two addons on the first
run) in a way polib does not reproduce (a polib re-save of its output differs in
305 lines), so our suggestion step beside it would flip the files' format on each
run; and it needs gettext's msgmerge on the machine.
"""

import subprocess

from . import bootstrap
from .common import LOGS, REPO, DevError, info, step
from .readme import addon_dirs
from .testrun import copy_template

I18N_DB = "realty_i18n"
SUGGESTION_SOURCES = (
    "base",
    "mail",
    "web",
    "portal",
    "crm",
    "sale",
    "account",
    "utm",
    "sms",
    "survey",
    "phone_validation",
    "product",
    "sales_team",
    "contacts",
)
PO_HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "zh_CN",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def export_pots(odoo, addons):
    copy_template(odoo, I18N_DB)
    step(f"Exporting the terms of {len(addons)} addons")
    names = ",".join(a.name for a in addons)
    odoo.run_init(I18N_DB, "i18n-update.log", "-u", names)
    lines = ["import io", "from odoo.tools.translate import trans_export"]
    for addon in addons:
        pot = addon / "i18n" / f"{addon.name}.pot.new"
        lines += [
            "buf = io.BytesIO()",
            f"trans_export(None, [{addon.name!r}], buf, 'po', env.cr)",
            f"open({str(pot)!r}, 'wb').write(buf.getvalue())",
        ]
    log = LOGS / "i18n-export.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            odoo.cmd("-d", I18N_DB, "--no-http", command="shell"),
            input="\n".join(lines) + "\n",
            text=True,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
            check=False,
        )
    odoo.pg.drop(I18N_DB)
    if proc.returncode:
        raise DevError(f"exporting the terms failed; log: {log}")
    for addon in addons:
        _replace_if_changed(addon / "i18n" / f"{addon.name}.pot")


def _replace_if_changed(pot):
    """Keep the committed .pot unless its terms changed (not only its dates)."""
    new = pot.with_name(pot.name + ".new")

    def terms(path):
        return [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date'))
        ]

    if pot.is_file() and terms(pot) == terms(new):
        new.unlink()
    else:
        new.replace(pot)


def odoo_translations(odoo_src):
    """msgid -> msgstr from the zh_CN.po of the Odoo addons the realty addons use, so
    inherited labels (followers, activities, ...) read as they do elsewhere in Odoo."""
    import polib

    known = {}
    for addon in SUGGESTION_SOURCES:
        for root in bootstrap.odoo_addons_paths(odoo_src):
            po = root / addon / "i18n" / "zh_CN.po"
            if po.is_file():
                for entry in polib.pofile(str(po)):
                    if entry.msgstr and not entry.obsolete:
                        known.setdefault(entry.msgid, entry.msgstr)
                break
    return known


def merge(addon, suggestions):
    """Merge <addon>.pot into zh_CN.po; returns the untranslated msgids.

    A term without our translation takes Odoo's own, when Odoo has one."""
    import polib  # an Odoo requirement, so in .venv

    pot = polib.pofile(str(addon / "i18n" / f"{addon.name}.pot"))
    po_path = addon / "i18n" / "zh_CN.po"
    old = polib.pofile(str(po_path)) if po_path.is_file() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e.msgstr for e in old if not e.obsolete}
    new = polib.POFile(wrapwidth=78)
    new.header = f"Chinese (zh_CN) translation of {addon.name}."
    new.metadata = dict(PO_HEADER)
    for entry in pot:
        entry.msgstr = known.get((entry.msgctxt, entry.msgid)) or suggestions.get(
            entry.msgid, ""
        )
        new.append(entry)
    new.save(str(po_path))
    return [e.msgid for e in new if not e.msgstr]


def run(odoo):
    addons = [a for a in addon_dirs() if (a / "i18n").is_dir()]
    export_pots(odoo, addons)
    suggestions = odoo_translations(odoo.src)
    total = 0
    for addon in addons:
        missing = merge(addon, suggestions)
        total += len(missing)
        info(f"{addon.relative_to(REPO)}: {len(missing)} untranslated")
        for msgid in missing:
            info(f"    {msgid!r}")
    step("zh_CN.po files merged" + (f"; {total} terms to translate" if total else ""))
    return 0
