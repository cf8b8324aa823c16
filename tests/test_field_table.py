"""docs/staff.md's table of kiosk.yaml settings is made from the schema
(kiosk/tools/field_table.py), so it says what the checker does; and every
setting is explained beside it in the staff's own kiosk.yaml."""

from __future__ import annotations

from kiosk.config.schema import kiosk_fields
from kiosk.tools.field_table import BEGIN, COMMAND, END, STAFF_GUIDE, main, with_table
from tests.conftest import KIOSK_YAML


def test_the_table_in_docs_staff_md_is_the_one_the_schema_makes():
    guide = STAFF_GUIDE.read_text(encoding="utf-8")
    assert with_table(guide) == guide, (
        f"docs/staff.md's table of kiosk.yaml settings differs from kiosk/config/schema.py; run: .venv/bin/{COMMAND}"
    )


def test_every_setting_says_what_it_does_and_is_explained_in_the_staffs_kiosk_yaml():
    settings = dict(kiosk_fields())
    assert {"languages.offered", "idle.timeout_s", "schedule.hours", "health.screenshot_every_s"} <= set(settings)
    staff_file = KIOSK_YAML.read_text(encoding="utf-8")
    for name, field in settings.items():
        assert field.about, f"{name} has no `about` in kiosk/config/schema.py"
        key = name.rpartition(".")[2]
        assert f"{key}:" in staff_file, f"{name} is not in config/kiosk.yaml, not even commented out"


def test_a_stale_table_is_named_with_the_command_and_made_anew(tmp_path, capsys):
    guide = tmp_path / "staff.md"
    guide.write_text(f"# Guide\n\n{BEGIN}\n| an old table |\n{END}\n\nMore text.\n", encoding="utf-8")
    assert main(["--check", "--guide", str(guide)]) == 1
    assert f"run {COMMAND}" in capsys.readouterr().err
    assert main(["--guide", str(guide)]) == 0
    made = guide.read_text(encoding="utf-8")
    assert made.startswith(f"# Guide\n\n{BEGIN}\n| setting | what it does |")
    assert made.endswith(f"{END}\n\nMore text.\n")
    assert "| `idle.timeout_s` | " in made and "| an old table |" not in made
    assert main(["--check", "--guide", str(guide)]) == 0


def test_a_guide_without_the_markers_is_refused_with_them(tmp_path, capsys):
    guide = tmp_path / "staff.md"
    guide.write_text("# Guide\n", encoding="utf-8")
    assert main(["--guide", str(guide)]) == 1
    assert BEGIN in capsys.readouterr().err
    assert guide.read_text(encoding="utf-8") == "# Guide\n"
