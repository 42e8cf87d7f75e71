#!/usr/bin/env python3
"""Fails unless every shipped string is translated in every language of
po/LINGUAS: extracts the strings from po/POTFILES.in afresh (as meson's
glib preset does), merges each .po with them in a temporary directory, and
counts untranslated and fuzzy messages. The source tree is not touched."""
import os
import subprocess
import sys
import tempfile

top = sys.argv[1]
po = os.path.join(top, "po")
files = [l.strip() for l in open(os.path.join(po, "POTFILES.in"), encoding="utf-8")
         if l.strip() and not l.startswith("#")]
langs = [l.strip() for l in open(os.path.join(po, "LINGUAS"), encoding="utf-8")
         if l.strip() and not l.startswith("#")]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "ramus.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--package-name=ramus",
                    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
                    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
                    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
                    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
                    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
                    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
                    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
                    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
                    "-D", top, "-o", pot] + files, check=True)
    failed = False
    for lang in langs:
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(po, lang + ".po"), pot], check=True)
        check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                               capture_output=True, text=True)
        stats = check.stderr.strip()
        print(f"{lang}: {stats}")
        if check.returncode != 0 or "untranslated" in stats or "fuzzy" in stats:
            failed = True
            untranslated = subprocess.run(["msgattrib", "--untranslated", "--only-fuzzy", merged],
                                          capture_output=True, text=True).stdout
            untranslated += subprocess.run(["msgattrib", "--untranslated", merged],
                                           capture_output=True, text=True).stdout
            ids = [l for l in untranslated.splitlines() if l.startswith("msgid ") and l != 'msgid ""']
            for l in ids[:20]:
                print(f"  {lang}: missing {l[6:]}")
sys.exit(1 if failed else 0)
